package corpus

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzIgnorePatterns checks that any ignore file and any path match
// without a panic, and that a file's own name excludes it (git, like go-git,
// takes a line of white space alone for a blank one).
func FuzzIgnorePatterns(f *testing.F) {
	for _, s := range []string{"drafts/\n*.txt\n", "!a.md\n/b.md\n", "**/deep/**\n", "[\n\\!x\n", "# c\r\n\r\n \n", "a/**/b/\n!*/\n", "\uFEFF*\n"} {
		f.Add([]byte(s), "sub/deep/f.md", true)
	}
	f.Fuzz(func(t *testing.T, data []byte, path string, isDir bool) {
		rel := strings.Split(path, "/")
		ps := parsePatterns(data, []string{"sub"})
		excluded(rel, isDir, ps, ps)
		name := rel[len(rel)-1]
		if name == "" || strings.ContainsAny(name, "*?[]\\!#") || strings.ContainsFunc(name, unicode.IsSpace) {
			return
		}
		if !excluded([]string{name}, isDir, parsePatterns([]byte(name), nil), nil) {
			t.Errorf("pattern %q does not exclude %q", name, name)
		}
	})
}
