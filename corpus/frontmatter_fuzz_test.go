package corpus

import (
	"slices"
	"strings"
	"testing"
)

// FuzzFrontMatter checks that any file start reads without a panic into
// a span within the file and tags that are non-empty, unique and free of
// separators, and that ParseMarkdown gives every snippet those tags.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntags: [aws, ci]\n---\n- item\n",
		"---\ntags:\n  - a\n  - \"b\"\n---\npara\n",
		"---\ntags: a b, c # x\n...\n",
		"---\ntags: [a,\n b\n---\n",
		"---\ntags: #c\n- a\n- - b\n-\n---\n",
		"---\ntags: ['#x', \"#\", ',']\n---\n",
		"---\r\ntags: []\r\n---\r\n",
		"---\ntags: [a]\n",
		"\uFEFF---\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := splitLines(data)
		n, tags := frontMatter(lines)
		if n < 0 || n > len(lines) || n == 1 || (n > 0 && strings.TrimSpace(lines[0]) != "---") {
			t.Fatalf("front matter spans %d of %d lines", n, len(lines))
		}
		for i, tag := range tags {
			if tag == "" || strings.ContainsAny(tag, ", \t\n") {
				t.Errorf("tag %q", tag)
			}
			if slices.Contains(tags[:i], tag) {
				t.Errorf("tag %q twice in %q", tag, tags)
			}
		}
		for _, s := range ParseMarkdown("f.md", data) {
			if !slices.Equal(s.Tags, tags) {
				t.Errorf("line %d: Tags = %q, want %q", s.Line, s.Tags, tags)
			}
			if s.Line <= n {
				t.Errorf("snippet on line %d, inside the front matter (%d lines)", s.Line, n)
			}
		}
	})
}
