package synonyms_test

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/crib-dev/crib/synonyms"
)

func TestParseSolr(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []synonyms.Rule
	}{
		{
			name: "equivalence line",
			in:   "cloudwatch events, eventbridge, cwe\n",
			want: []synonyms.Rule{{From: []string{"cloudwatch events", "eventbridge", "cwe"}, Source: "s.txt", Line: 1}},
		},
		{
			name: "one-way rule",
			in:   "page, text message => sns\n",
			want: []synonyms.Rule{{From: []string{"page", "text message"}, To: []string{"sns"}, OneWay: true, Source: "s.txt", Line: 1}},
		},
		{
			name: "one-way rule to several terms",
			in:   "rollback=>revert,undo",
			want: []synonyms.Rule{{From: []string{"rollback"}, To: []string{"revert", "undo"}, OneWay: true, Source: "s.txt", Line: 1}},
		},
		{
			name: "comments and blank lines are skipped but counted",
			in:   "# a comment\n\n   \n\t# an indented comment\na, b\n\nc => d\n# last",
			want: []synonyms.Rule{
				{From: []string{"a", "b"}, Source: "s.txt", Line: 5},
				{From: []string{"c"}, To: []string{"d"}, OneWay: true, Source: "s.txt", Line: 7},
			},
		},
		{
			name: "multi-word terms with extra spaces are folded",
			in:   "  auto   scaling\tgroup ,asg\t\n",
			want: []synonyms.Rule{{From: []string{"auto scaling group", "asg"}, Source: "s.txt", Line: 1}},
		},
		{
			name: "byte-order mark and CRLF",
			in:   "\uFEFFa, b\r\nc => d\r\n",
			want: []synonyms.Rule{
				{From: []string{"a", "b"}, Source: "s.txt", Line: 1},
				{From: []string{"c"}, To: []string{"d"}, OneWay: true, Source: "s.txt", Line: 2},
			},
		},
		{
			name: "empty file",
			in:   "",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := synonyms.ParseSolr("s.txt", []byte(tt.in))
			if err != nil {
				t.Fatalf("ParseSolr: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rules differ\n got: %#v\nwant: %#v", got, tt.want)
			}
		})
	}
}

func TestParseSolrErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		msg  string // the message must contain this
	}{
		{"single term without =>", "lonely\n", 1, "at least two terms"},
		{"empty term between commas", "a,,b", 1, `empty term in "a,,b"`},
		{"trailing comma", "a, b,", 1, "empty term"},
		{"empty left side of =>", " => b", 1, `left of "=>": empty term`},
		{"empty right side of =>", "a =>", 1, `right of "=>": empty term`},
		{"two =>", "a => b => c", 1, `more than one "=>"`},
		{"line counted past comments and blanks", "# c\n\na, b\nbad\n", 4, "at least two terms"},
		{"line too long for the scanner", "a, " + strings.Repeat("b", 2<<20) + "\n", 1, "too long"},
		{"line just over the line cap", "a, b\nc, " + strings.Repeat("d", synonyms.MaxLineBytes) + "\n", 2, "over 4096 bytes"},
		{"file over the size cap", strings.Repeat("a, b\n", synonyms.MaxFileBytes/5+1), 1, "larger than 4 MiB"},
		{"65 alternatives on a line", "x" + strings.Repeat(", x", synonyms.MaxRuleTerms), 1, "65 terms on one line, more than 64"},
		{"65 terms around =>", "x" + strings.Repeat(", x", 31) + " => y" + strings.Repeat(", y", 32), 1, "65 terms"},
		{"term of 17 words", "a, " + strings.Repeat("w ", 17), 1, "a term of 17 words, more than 16"},
		{"too many terms in the file", strings.Repeat("a, b\n", synonyms.MaxFileTerms/2) + "c, d\n", synonyms.MaxFileTerms/2 + 1, "more than 20000 terms"},
		{"weight NaN", "#@weight NaN\na, b\n", 1, `#@weight wants a number in (0, 1], got "NaN"`},
		{"weight -NaN", "#@weight -nan\n", 1, "(0, 1]"},
		{"weight +Inf", "#@weight +Inf\n", 1, "(0, 1]"},
		{"weight 0", "#@weight 0\n", 1, "(0, 1]"},
		{"weight above 1", "#@weight 1.5\n", 1, "(0, 1]"},
		{"weight missing", "#@weight\n", 1, "(0, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := synonyms.ParseSolr("s.txt", []byte(tt.in))
			checkParseError(t, err, "s.txt", tt.line, tt.msg)
			if rules != nil {
				t.Errorf("rules = %#v, want none with an error", rules)
			}
		})
	}
}

// checkParseError checks that err is a *ParseError for file and line whose
// message contains msg, and that Error() names file and line.
func checkParseError(t *testing.T, err error, file string, line int, msg string) {
	t.Helper()
	var pe *synonyms.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %#v, want a *ParseError", err)
	}
	if pe.File != file || pe.Line != line {
		t.Errorf("error at %s:%d, want %s:%d", pe.File, pe.Line, file, line)
	}
	if !strings.Contains(pe.Msg, msg) {
		t.Errorf("message %q does not contain %q", pe.Msg, msg)
	}
	prefix := file + ":" + strconv.Itoa(line) + ": "
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("Error() = %q, want it to start with %q", err.Error(), prefix)
	}
}

// TestParseSolrAtTheCaps checks that a line just inside every bound
// parses.
func TestParseSolrAtTheCaps(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("w ", synonyms.MaxTermWords))
	line := long + strings.Repeat(", x", synonyms.MaxRuleTerms-1)
	rules, err := synonyms.ParseSolr("s.txt", []byte("#@weight 1e-3\n"+line+"\n"))
	if err != nil {
		t.Fatalf("ParseSolr: %v", err)
	}
	if len(rules) != 1 || len(rules[0].From) != synonyms.MaxRuleTerms || rules[0].Weight != 1e-3 {
		t.Errorf("rules = %+v, want one of %d terms at weight 0.001", rules, synonyms.MaxRuleTerms)
	}
}
