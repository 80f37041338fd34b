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
