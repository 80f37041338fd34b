package question

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseOperators(t *testing.T) {
	tests := []struct {
		name, q string
		want    Operators
	}{
		{"plain question is kept byte for byte", "  how do I  roll back?  ", Operators{Text: "  how do I  roll back?  "}},
		{"dash inside a word", "blue-green deployment", Operators{Text: "blue-green deployment"}},
		{"lone dash and negative number", "scale - by -1 and -2.5", Operators{Text: "scale - by -1 and -2.5"}},
		{"lower-case or is a word", "sns or sqs", Operators{Text: "sns or sqs"}},
		{"OR without two operands", "OR sns OR", Operators{Text: "OR sns OR", Notes: []string{noteOR}}},
		{"unpaired quote is a character", `the "swap urls`, Operators{Text: `the "swap urls`, Notes: []string{noteUnclosed}}},
		{"phrase", `"blue/green" deployment`, Operators{Text: "blue/green deployment", Require: [][]string{{"blue/green"}}}},
		{"curly quotes", "“swap environment URLs” beanstalk", Operators{Text: "swap environment URLs beanstalk", Require: [][]string{{"swap environment URLs"}}}},
		{"exclude a word", "deploy -beanstalk rollback", Operators{Text: "deploy rollback", Exclude: []string{"beanstalk"}}},
		{"exclude a phrase", `deploy -"elastic beanstalk"`, Operators{Text: "deploy", Exclude: []string{"elastic beanstalk"}}},
		{"OR group", "rollback codedeploy OR beanstalk OR ecs", Operators{Text: "rollback codedeploy beanstalk ecs", Require: [][]string{{"codedeploy", "beanstalk", "ecs"}}}},
		{"OR with a phrase", `"blue green" OR canary`, Operators{Text: "blue green canary", Require: [][]string{{"blue green", "canary"}}}},
		{"all at once", `"lifecycle hook" asg OR ec2 -lambda`, Operators{Text: "lifecycle hook asg ec2", Require: [][]string{{"lifecycle hook"}, {"asg", "ec2"}}, Exclude: []string{"lambda"}}},
		{"OR before an exclusion stays a word", "sns OR -sqs", Operators{Text: "sns OR", Exclude: []string{"sqs"}, Notes: []string{noteOR}}},
		{"OR after an exclusion stays a word", "-sqs OR sns", Operators{Text: "OR sns", Exclude: []string{"sqs"}, Notes: []string{noteOR}}},
		{"a dangling OR beside a group", "rollback OR", Operators{Text: "rollback OR", Notes: []string{noteOR}}},
		{"empty phrase", `"" sns -x`, Operators{Text: "sns", Exclude: []string{"x"}}},
		{"only an exclusion", "-beanstalk", Operators{Exclude: []string{"beanstalk"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseOperators(tt.q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseOperators(%q)\n got  %#v\n want %#v", tt.q, got, tt.want)
			}
		})
	}
}

// FuzzParseOperators checks that any question parses without a panic,
// that a question without operators is kept whole, and that every word
// of the text, phrase and exclusion comes from the question.
func FuzzParseOperators(f *testing.F) {
	for _, s := range []string{`"a b" -c d OR e`, `-"x" “y” OR`, `"`, `-`, `--`, "OR OR OR", "a\u00a0-b", "\xff-\xfe\"", `"a"-b"c"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		o := ParseOperators(q)
		if !o.Any() {
			if o.Text != q {
				t.Fatalf("no operators, but text %q of %q", o.Text, q)
			}
			return
		}
		parts := append([]string{}, o.Exclude...)
		for _, g := range o.Require {
			if len(g) == 0 {
				t.Fatalf("empty group in %#v", o)
			}
			parts = append(parts, g...)
		}
		for _, w := range append(parts, strings.Fields(o.Text)...) {
			if w == "" || !strings.Contains(q, w) && utf8.ValidString(q) {
				t.Fatalf("%q is not from %q (%#v)", w, q, o)
			}
		}
	})
}
