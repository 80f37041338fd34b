package corpus_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crib-dev/crib/corpus"
)

// snip is the part of a snippet a table case states; Source is checked
// separately.
type snip struct {
	line    int
	text    string
	heading []string
	context []string
}

func (s snip) String() string {
	return fmt.Sprintf("L%d %q heading=%q context=%q", s.line, s.text, s.heading, s.context)
}

func render(got []corpus.Snippet) []string {
	out := make([]string, len(got))
	for i, s := range got {
		out[i] = snip{s.Line, s.Text, s.Heading, s.Context}.String()
	}
	return out
}

func renderWant(want []snip) []string {
	out := make([]string, len(want))
	for i, s := range want {
		out[i] = s.String()
	}
	return out
}

// diffLines returns a line diff ("-" only in want, "+" only in got) or ""
// when want and got are equal.
func diffLines(want, got []string) string {
	n, m := len(want), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	differ := false
	for i, j := 0, 0; i < n || j < m; {
		switch {
		case i < n && j < m && want[i] == got[j]:
			b.WriteString("  " + want[i] + "\n")
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			b.WriteString("+ " + got[j] + "\n")
			j, differ = j+1, true
		default:
			b.WriteString("- " + want[i] + "\n")
			i, differ = i+1, true
		}
	}
	if !differ {
		return ""
	}
	return b.String()
}

func checkSnippets(t *testing.T, source string, got []corpus.Snippet, want []snip) {
	t.Helper()
	if d := diffLines(renderWant(want), render(got)); d != "" {
		t.Errorf("snippets differ (-want +got):\n%s", d)
	}
	for _, s := range got {
		if s.Source != source {
			t.Errorf("snippet %q: Source = %q, want %q", s.Text, s.Source, source)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	h := func(s ...string) []string { return s }
	tests := []struct {
		name string
		in   string
		want []snip
	}{
		{
			name: "tabs and spaces mixed in indentation",
			in: "- Notifies via CloudWatch Events\n" +
				"\t- Lambda\n" +
				"\t  - ALB alias swaps\n" +
				"    - four spaces\n" +
				"\t\t- two tabs\n" +
				"  \t- two spaces and a tab\n" +
				"- back to top\n",
			want: []snip{
				{1, "Notifies via CloudWatch Events", nil, nil},
				{2, "Lambda", nil, h("Notifies via CloudWatch Events")},
				{3, "ALB alias swaps", nil, h("Notifies via CloudWatch Events", "Lambda")},
				{4, "four spaces", nil, h("Notifies via CloudWatch Events")},
				{5, "two tabs", nil, h("Notifies via CloudWatch Events", "four spaces")},
				{6, "two spaces and a tab", nil, h("Notifies via CloudWatch Events")},
				{7, "back to top", nil, nil},
			},
		},
		{
			name: "lists nested four levels and back out",
			in: "- level 1\n  - level 2\n    - level 3\n      - level 4\n    - level 3 again\n" +
				"- level 1 again\n  * star child\n    + plus grandchild\n",
			want: []snip{
				{1, "level 1", nil, nil},
				{2, "level 2", nil, h("level 1")},
				{3, "level 3", nil, h("level 1", "level 2")},
				{4, "level 4", nil, h("level 1", "level 2", "level 3")},
				{5, "level 3 again", nil, h("level 1", "level 2")},
				{6, "level 1 again", nil, nil},
				{7, "star child", nil, h("level 1 again")},
				{8, "plus grandchild", nil, h("level 1 again", "star child")},
			},
		},
		{
			name: "headings at every level",
			in:   "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\ntext under six\n",
			want: []snip{
				{7, "text under six", h("One", "Two", "Three", "Four", "Five", "Six"), nil},
			},
		},
		{
			name: "skipped heading levels",
			in:   "# One\n### Three\n- under three\n## Two\n- under two\n#### Four\n- under four\n",
			want: []snip{
				{3, "under three", h("One", "Three"), nil},
				{5, "under two", h("One", "Two"), nil},
				{7, "under four", h("One", "Two", "Four"), nil},
			},
		},
		{
			name: "setext headings",
			in:   "Title\n=====\n\n- item one\n\nSection\n-------\n- item two\n",
			want: []snip{
				{4, "item one", h("Title"), nil},
				{8, "item two", h("Title", "Section"), nil},
			},
		},
		{
			name: "heading closing hashes, C# and seven hashes",
			in:   "## Closing hashes ##\n- a\n# C#\n- b\n\n#######\n\n#no-space\n",
			want: []snip{
				{2, "a", h("Closing hashes"), nil},
				{4, "b", h("C#"), nil},
				{6, "#######", h("C#"), nil},
				{8, "#no-space", h("C#"), nil},
			},
		},
		{
			name: "heading resets list context",
			in:   "- parent\n## Next\n  - indented after heading\n",
			want: []snip{
				{1, "parent", nil, nil},
				{3, "indented after heading", h("Next"), nil},
			},
		},
		{
			name: "non-breaking spaces in text and indentation",
			in:   "- a\u00A0b\u202Fc\u2007d\n\u00A0\u00A0- nbsp indented child\n",
			want: []snip{
				{1, "a b c d", nil, nil},
				{2, "nbsp indented child", nil, h("a b c d")},
			},
		},
		{
			name: "CRLF line ends",
			in:   "# Head\r\n\r\n- one\r\n- two\r\n\r\npara\r\n",
			want: []snip{
				{3, "one", h("Head"), nil},
				{4, "two", h("Head"), nil},
				{6, "para", h("Head"), nil},
			},
		},
		{
			name: "lone CR line ends",
			in:   "# Head\r\r- one\r- two\r\rpara",
			want: []snip{
				{3, "one", h("Head"), nil},
				{4, "two", h("Head"), nil},
				{6, "para", h("Head"), nil},
			},
		},
		{
			name: "byte-order mark",
			in:   "\uFEFF# Title\r\n- item\r\n",
			want: []snip{
				{2, "item", h("Title"), nil},
			},
		},
		{
			name: "code fence body is one snippet that keeps its lines and is not parsed",
			in: "## Deploy\n- Run this:\n\n```bash\n# not a heading\n- not an item\n" +
				"aws deploy push\n```\nafter the fence\n",
			want: []snip{
				{2, "Run this:", h("Deploy"), nil},
				{5, "# not a heading\n- not an item\naws deploy push", h("Deploy"), h("Run this:")},
				{9, "after the fence", h("Deploy"), nil},
			},
		},
		{
			name: "indented fence inside an item, item continues after it",
			in:   "- item\n  ```\n  | not | a table |\n  ```\n  more item text\n",
			want: []snip{
				{1, "item more item text", nil, nil},
				{3, "| not | a table |", nil, h("item")},
			},
		},
		{
			name: "tilde fence starts at its first non-blank line",
			in:   "~~~yaml\n\n   \nkey: value\n~~~\n",
			want: []snip{
				{4, "key: value", nil, nil},
			},
		},
		{
			name: "unclosed fence runs to the end, empty fence gives nothing",
			in:   "```\n```\ntext\n\n```\nopen: code\n- still code",
			want: []snip{
				{3, "text", nil, nil},
				{6, "open: code\n- still code", nil, nil},
			},
		},
		{
			name: "table header row is the context of body rows",
			in:   "| Service | Use |\n|---------|:---:|\n| SNS | push |\n| SQS  |  queue |\n\nafter\n",
			want: []snip{
				{3, "SNS | push", nil, h("Service | Use")},
				{4, "SQS | queue", nil, h("Service | Use")},
				{6, "after", nil, nil},
			},
		},
		{
			name: "table under a heading and an item",
			in:   "# Limits\n- Quotas:\n| Name | Max |\n| --- | --- |\n| rules | 300 |\n",
			want: []snip{
				{2, "Quotas:", h("Limits"), nil},
				{5, "rules | 300", h("Limits"), h("Quotas:", "Name | Max")},
			},
		},
		{
			name: "delimiter row without a header row keeps the item above",
			in:   "- item\n|---|---|\n| a | b |\n| | |\n",
			want: []snip{
				{1, "item", nil, nil},
				{3, "a | b", nil, h("item")},
			},
		},
		{
			name: "thematic breaks end lists and are not snippets",
			in:   "- a\n  - b\n---\n  - c\n***\npara\n___\n- - -\n",
			want: []snip{
				{1, "a", nil, nil},
				{2, "b", nil, h("a")},
				{4, "c", nil, nil},
				{6, "para", nil, nil},
			},
		},
		{
			name: "continuation lines, lazy and indented",
			in: "- lazy item starts\ncontinues lazily\n- indented item\n  continues indented\n\n" +
				"  continues after a blank line\n- parent\n  - child\n\n  parent continues\n- next\n\n" +
				"top paragraph\n",
			want: []snip{
				{1, "lazy item starts continues lazily", nil, nil},
				{3, "indented item continues indented continues after a blank line", nil, nil},
				{7, "parent parent continues", nil, nil},
				{8, "child", nil, h("parent")},
				{11, "next", nil, nil},
				{13, "top paragraph", nil, nil},
			},
		},
		{
			name: "paragraphs",
			in:   "First paragraph\nwraps   here.\n\nSecond paragraph.\n",
			want: []snip{
				{1, "First paragraph wraps here.", nil, nil},
				{4, "Second paragraph.", nil, nil},
			},
		},
		{
			name: "numbered lists",
			in:   "1. one\n2) two\n   1. nested under two\n10. ten\n",
			want: []snip{
				{1, "one", nil, nil},
				{2, "two", nil, nil},
				{3, "nested under two", nil, h("two")},
				{4, "ten", nil, nil},
			},
		},
		{
			name: "empty items",
			in:   "-\n- \n  - child of empty\n-\n  text of empty item\n- last\n",
			want: []snip{
				{3, "child of empty", nil, nil},
				{5, "text of empty item", nil, nil},
				{6, "last", nil, nil},
			},
		},
		{
			name: "blockquotes",
			in:   "> A quoted\n> paragraph.\n\n> - quoted item\n>   - nested quoted\n>> deeper quote\n",
			want: []snip{
				{1, "A quoted paragraph.", nil, nil},
				{4, "quoted item", nil, nil},
				{5, "nested quoted deeper quote", nil, h("quoted item")},
			},
		},
		{
			name: "empty and blank input",
			in:   " \n\t\n\r\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := corpus.ParseMarkdown("notes.md", []byte(tt.in))
			checkSnippets(t, "notes.md", got, tt.want)
		})
	}
}

func TestParseMarkdownCode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []snip
	}{
		{"indentation inside the block is kept, trailing space dropped",
			"```go\nfunc f() {  \n\treturn\n}\n```\n",
			[]snip{{2, "func f() {\n\treturn\n}", nil, nil}}},
		{"the fence's own indentation is removed",
			"- item\n  ```\n  a:\n    b: c\n  ```\n",
			[]snip{{1, "item", nil, nil}, {3, "a:\n  b: c", nil, []string{"item"}}}},
		{"blank lines inside are kept, at the ends dropped",
			"```\n\none\n\n\ntwo\n   \n```\n",
			[]snip{{3, "one\n\n\ntwo", nil, nil}}},
		{"a closing fence must be as long as the opening one",
			"````\n```\nstill code\n`````\nafter\n",
			[]snip{{2, "```\nstill code", nil, nil}, {5, "after", nil, nil}}},
		{"a fence with an info string does not close",
			"```\n```python\n```\n",
			[]snip{{2, "```python", nil, nil}}},
		{"the other fence character does not close",
			"~~~\n```\n~~~\n",
			[]snip{{2, "```", nil, nil}}},
		{"backticks after a backtick fence make it inline code",
			"```aws s3 ls``` lists buckets\n",
			[]snip{{1, "```aws s3 ls``` lists buckets", nil, nil}}},
		{"a fence in a blockquote drops the quote marks and closes",
			"> ```\n> x = 1\n>   y\n> ```\n> quoted text\n",
			[]snip{{2, "x = 1\n  y", nil, nil}, {5, "quoted text", nil, nil}}},
		{"CRLF line ends are not kept",
			"```\r\na\r\nb\r\n```\r\n",
			[]snip{{2, "a\nb", nil, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := corpus.ParseMarkdown("code.md", []byte(tt.in))
			checkSnippets(t, "code.md", got, tt.want)
		})
	}
}

// TestParseMarkdownLongCode checks that a code block too long for one
// snippet is cut between lines, each part at the line it starts on.
func TestParseMarkdownLongCode(t *testing.T) {
	line := strings.Repeat("x", 99) // with its newline, 100 bytes
	var body []string
	for range 50 {
		body = append(body, line)
	}
	got := corpus.ParseMarkdown("c.md", []byte("# H\n```\n"+strings.Join(body, "\n")+"\n```\n"))
	var texts []string
	for _, s := range got {
		texts = append(texts, s.Text)
	}
	if strings.Join(texts, "\n") != strings.Join(body, "\n") {
		t.Errorf("parts joined by newlines do not give the block back: %q", texts)
	}
	var lines []int
	for _, s := range got {
		lines = append(lines, s.Line)
	}
	if want := []int{3, 23, 43}; fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("parts start on lines %v, want %v (20 lines of 100 bytes each)", lines, want)
	}
}

func TestParseMarkdownLongText(t *testing.T) {
	words := strings.Repeat("word ", 1000)
	cjk := strings.Repeat("日", 2000) // 6000 bytes, no spaces; 2000 is no multiple of 3
	tests := []struct {
		name  string
		in    string
		whole string // what the parts joined back must give
		sep   string // what joins them
		parts int
	}{
		{"long item split at spaces", "- " + words, strings.TrimSpace(words), " ", 3},
		{"long paragraph split at spaces", words + "\n", strings.TrimSpace(words), " ", 3},
		{"long word of multi-byte runes split between runes", "- " + cjk, cjk, "", 4},
		{"long run of invalid UTF-8 terminates", strings.Repeat("\x80", 4100), strings.Repeat("\x80", 4100), "", 3},
		{"long fence body", "```\n" + words + "\n```\n", strings.TrimSpace(words), " ", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := corpus.ParseMarkdown("long.md", []byte(tt.in))
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if len(s.Text) > corpus.MaxSnippetBytes {
					t.Errorf("snippet of %d bytes, want at most %d", len(s.Text), corpus.MaxSnippetBytes)
				}
				if utf8.ValidString(tt.whole) && !utf8.ValidString(s.Text) {
					t.Errorf("snippet of %d bytes on line %d is not valid UTF-8", len(s.Text), s.Line)
				}
				if s.Line != got[0].Line {
					t.Errorf("part on line %d, want all parts on line %d", s.Line, got[0].Line)
				}
			}
			if len(got) != tt.parts {
				t.Errorf("got %d snippets, want %d", len(got), tt.parts)
			}
			if joined := strings.Join(texts, tt.sep); joined != tt.whole {
				t.Errorf("parts joined give %d bytes, want the %d bytes of the input back", len(joined), len(tt.whole))
			}
		})
	}
}

func TestParseMarkdownLongContinuation(t *testing.T) {
	first := strings.TrimSpace(strings.Repeat("abcd ", 300))  // 1499 bytes
	second := strings.TrimSpace(strings.Repeat("efgh ", 120)) // 599 bytes
	in := "- " + first + "\n  " + second + "\n  tail\n  - child\n"
	got := corpus.ParseMarkdown("c.md", []byte(in))
	whole := first + " " + second + " tail"
	want := []snip{
		{1, first, nil, nil},
		{2, second + " tail", nil, []string{first}},
		{4, "child", nil, []string{whole}},
	}
	checkSnippets(t, "c.md", got, want)
	for _, s := range got {
		if len(s.Text) > corpus.MaxSnippetBytes {
			t.Errorf("line %d: snippet of %d bytes, want at most %d", s.Line, len(s.Text), corpus.MaxSnippetBytes)
		}
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []snip
	}{
		{
			name: "paragraphs separated by blank lines",
			in:   "First paragraph\n  wraps here.\n\n\n# not a heading\n- not an item\n",
			want: []snip{
				{1, "First paragraph wraps here.", nil, nil},
				{5, "# not a heading - not an item", nil, nil},
			},
		},
		{
			name: "CRLF, BOM and NBSP",
			in:   "\uFEFFone\u00A0line\r\n \t \r\ntwo\r\n",
			want: []snip{
				{1, "one line", nil, nil},
				{3, "two", nil, nil},
			},
		},
		{
			name: "nothing but space",
			in:   "\n \n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := corpus.ParseText("notes.txt", []byte(tt.in))
			checkSnippets(t, "notes.txt", got, tt.want)
		})
	}
}

// userNotes is the real notes file crib was written for, when present
// beside the repository.
const userNotes = "../../shared/notes/dop-c02-notes.md"

func TestParseMarkdownUserNotes(t *testing.T) {
	data, err := os.ReadFile(userNotes)
	if err != nil {
		t.Skipf("user notes not available: %v", err)
	}
	got := corpus.ParseMarkdown(userNotes, data)
	find := func(t *testing.T, text, parent string) corpus.Snippet {
		t.Helper()
		for _, s := range got {
			if s.Text != text {
				continue
			}
			if parent == "" || (len(s.Context) > 0 && s.Context[len(s.Context)-1] == parent) {
				return s
			}
		}
		t.Fatalf("no snippet %q with parent %q", text, parent)
		return corpus.Snippet{}
	}
	tests := []struct {
		name, text, parent string
		headingEnd         []string
		line               int
	}{
		{"Pending:Wait item sits under Compute > ASG",
			"`Pending:Wait` lifecycle hook can allow AMI upgrades before bringing them into service", "",
			[]string{"Compute", "ASG"}, 81},
		{"SNS is a target under Notifies via CloudWatch Events",
			"SNS", "Notifies via CloudWatch Events", []string{"CodeStar", "CodeDeploy"}, 35},
		{"tab plus two spaces item pops back to Lambda",
			"ALB + EC2 + Route53 alias record swaps", "Lambda", []string{"Comments per Topic", "Implement CI/CD Pipelines"}, 354},
		{"tab tab two spaces item nests under the item above",
			"OpsWorks lifecycle stages", "OpsWorks Stack cloning + Route53 alias swaps", nil, 356},
		{"two-space item then tab item nests",
			"VPC CNI plugin", "EKS networking:", []string{"Resilient Cloud Solutions"}, 394},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := find(t, tt.text, tt.parent)
			if s.Line != tt.line {
				t.Errorf("Line = %d, want %d", s.Line, tt.line)
			}
			if len(s.Heading) < len(tt.headingEnd) ||
				fmt.Sprint(s.Heading[len(s.Heading)-len(tt.headingEnd):]) != fmt.Sprint(tt.headingEnd) {
				t.Errorf("Heading = %q, want it to end in %q", s.Heading, tt.headingEnd)
			}
		})
	}
	t.Run("no snippet keeps a list marker or a line break", func(t *testing.T) {
		for _, s := range got {
			if strings.HasPrefix(s.Text, "- ") || strings.Contains(s.Text, "\n") || strings.Contains(s.Text, "\t") {
				t.Errorf("line %d: %q", s.Line, s.Text)
			}
		}
	})
	t.Run("every list item line is a snippet", func(t *testing.T) {
		lines := map[int]bool{}
		for _, s := range got {
			lines[s.Line] = true
		}
		for i, l := range bytes.Split(data, []byte("\n")) {
			if t2 := bytes.TrimLeft(l, " \t"); bytes.HasPrefix(t2, []byte("- ")) && !lines[i+1] {
				t.Errorf("line %d has no snippet: %q", i+1, l)
			}
		}
	})
}
