package corpus_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// ignoreTree is the notes every exclude case starts from.
var ignoreTree = map[string]string{
	"a.md": "- a", "b.md": "- b", "c.txt": "c",
	"drafts/d.md": "- d", "sub/b.md": "- sub b", "sub/e.md": "- e", "sub/g.txt": "g",
	"sub/deep/f.md": "- f", "node_modules/pkg/readme.md": "- pkg", ".git/x.md": "- x",
}

var allNotes = []string{"a.md", "b.md", "c.txt", "drafts/d.md", "node_modules/pkg/readme.md",
	"sub/b.md", "sub/deep/f.md", "sub/e.md", "sub/g.txt"}

func TestResolveExcludes(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // ignore files, added to ignoreTree
		exclude []string
		want    []string
	}{
		{"no ignore files: only hidden folders skipped", nil, nil, allNotes},
		{"root .gitignore: a folder and an ending",
			map[string]string{".gitignore": "drafts/\nnode_modules\n*.txt\n"}, nil,
			[]string{"a.md", "b.md", "sub/b.md", "sub/deep/f.md", "sub/e.md"}},
		{"comments, blank lines, CRLF and a byte-order mark",
			map[string]string{".gitignore": "\uFEFF# notes\r\n\r\ndrafts/\r\nnode_modules/\r\n"}, nil,
			[]string{"a.md", "b.md", "c.txt", "sub/b.md", "sub/deep/f.md", "sub/e.md", "sub/g.txt"}},
		{"a leading slash anchors to the folder of the file",
			map[string]string{".gitignore": "/b.md\n", "sub/.gitignore": "/deep/\n"}, nil,
			[]string{"a.md", "c.txt", "drafts/d.md", "node_modules/pkg/readme.md", "sub/b.md", "sub/e.md", "sub/g.txt"}},
		{"a nested .gitignore applies below its folder only",
			map[string]string{"sub/.gitignore": "b.md\n*.txt\n"}, nil,
			[]string{"a.md", "b.md", "c.txt", "drafts/d.md", "node_modules/pkg/readme.md", "sub/deep/f.md", "sub/e.md"}},
		{"negation re-includes",
			map[string]string{".gitignore": "*.md\n!a.md\n"}, nil,
			[]string{"a.md", "c.txt", "sub/g.txt"}},
		{"a deeper folder's file overrides a shallower one's",
			map[string]string{".gitignore": "*.txt\n", "sub/.gitignore": "!*.txt\n"}, nil,
			[]string{"a.md", "b.md", "drafts/d.md", "node_modules/pkg/readme.md", "sub/b.md", "sub/deep/f.md", "sub/e.md", "sub/g.txt"}},
		{".cribignore overrides .gitignore in the same folder",
			map[string]string{".gitignore": "sub/\ndrafts/\n", ".cribignore": "!sub/\nnode_modules/\n"}, nil,
			[]string{"a.md", "b.md", "c.txt", "sub/b.md", "sub/deep/f.md", "sub/e.md", "sub/g.txt"}},
		{"** matches any folders",
			map[string]string{".cribignore": "**/deep/**\nnode_modules/**/*.md\n"}, nil,
			[]string{"a.md", "b.md", "c.txt", "drafts/d.md", "sub/b.md", "sub/e.md", "sub/g.txt"}},
		{"a file inside an excluded folder cannot be re-included, as in git",
			map[string]string{".gitignore": "sub/\n!sub/e.md\n"}, nil,
			[]string{"a.md", "b.md", "c.txt", "drafts/d.md", "node_modules/pkg/readme.md"}},
		{"a class negated with ! as git does", map[string]string{".gitignore": "[!a]*.md\n"}, nil,
			[]string{"a.md", "c.txt", "sub/g.txt"}},
		{"an escaped [ is no class", nil, []string{"\\[!a]*.md"}, allNotes},
		{"exclude patterns", nil, []string{"sub/", "*.txt", "node_modules"},
			[]string{"a.md", "b.md", "drafts/d.md"}},
		{"an exclude pattern with a slash is anchored to the notes folder", nil, []string{"sub/b.md", "deep"},
			[]string{"a.md", "b.md", "c.txt", "drafts/d.md", "node_modules/pkg/readme.md", "sub/e.md", "sub/g.txt"}},
		{"exclude patterns beat ignore files",
			map[string]string{".gitignore": "*.md\n!b.md\n"}, []string{"b.md", "!a.md"},
			[]string{"a.md", "c.txt", "sub/g.txt"}},
		{"empty and comment exclude patterns do nothing", nil, []string{"", "  ", "# x"}, allNotes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, ignoreTree, tt.files)
			files, warnings, err := corpus.ResolveWith([]string{root}, corpus.LoadOptions{Exclude: tt.exclude})
			if err != nil {
				t.Fatalf("ResolveWith: %v", err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings = %#v, want none", warnings)
			}
			if got := paths(root, files); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("files = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func writeTree(t *testing.T, trees ...map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for _, tree := range trees {
		for name, data := range tree {
			p := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

func TestResolveExcludesNamedFiles(t *testing.T) {
	root := writeTree(t, ignoreTree, map[string]string{".gitignore": "*.md\n"})
	j := func(s string) string { return filepath.Join(root, filepath.FromSlash(s)) }
	tests := []struct {
		name    string
		args    []string
		exclude []string
		want    []string
	}{
		{"a file named directly is read whatever .gitignore says", []string{j("a.md")}, nil, []string{"a.md"}},
		{"exclude patterns match a named file by its name", []string{j("a.md"), j("b.md")}, []string{"b.md"}, []string{"a.md"}},
		{"and the files of a glob", []string{j("*.md")}, []string{"a*"}, []string{"b.md"}},
		{"ignore files above a folder named are not read", []string{j("drafts")}, nil, []string{"drafts/d.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, _, err := corpus.ResolveWith(tt.args, corpus.LoadOptions{Exclude: tt.exclude})
			if err != nil {
				t.Fatalf("ResolveWith: %v", err)
			}
			if got := paths(root, files); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("files = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// When every notes file is excluded, the error says so, not that the
// folder holds no file crib reads (trial 11: "--exclude public.md" beside
// a .gitignore'd secret.md sent the user looking at file types).
func TestResolveAllExcluded(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		exclude []string
		want    string
	}{
		{"--exclude and .gitignore", map[string]string{"public.md": "- p", "secret.md": "- s", ".gitignore": "secret.md\n"}, []string{"public.md"}, "all 2 notes files in"},
		{"--exclude of every file", map[string]string{"a.md": "- a"}, []string{"*.md"}, "the one notes file in"},
		{"a folder without notes files", map[string]string{"a.rst": "a"}, nil, "crib reads .md"},
		{"--exclude of the only folder", map[string]string{"drafts/a.md": "- a"}, []string{"drafts/"}, "a folder was left out by --exclude"},
		{"folders left out by .gitignore", map[string]string{"x/a.md": "- a", "y/b.md": "- b", ".gitignore": "x/\ny/\n"}, nil, "2 folders were left out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, tt.files, nil)
			_, _, err := corpus.ResolveWith([]string{root}, corpus.LoadOptions{Exclude: tt.exclude})
			if !errors.Is(err, corpus.ErrNoNotes) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrNoNotes saying %q", err, tt.want)
			}
		})
	}
}

func TestResolveBadIgnoreFiles(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, root string)
		warning string // with %s for the root
	}{
		{"an ignore file that is a folder", func(t *testing.T, root string) {
			if err := os.Mkdir(filepath.Join(root, ".gitignore"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "skipped %s/.gitignore: not a regular file"},
		{"an ignore file over 1 MiB", func(t *testing.T, root string) {
			if err := os.WriteFile(filepath.Join(root, ".cribignore"), bytes.Repeat([]byte("x\n"), 1<<19+1), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "skipped %s/.cribignore: ignore file larger than 1024 KiB"},
		{"a broken link as ignore file is none", func(t *testing.T, root string) {
			if err := os.Symlink("missing", filepath.Join(root, ".gitignore")); err != nil {
				t.Skip(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{"a.md": "- a"})
			tt.setup(t, root)
			files, warnings, err := corpus.ResolveWith([]string{root}, corpus.LoadOptions{})
			if err != nil || len(files) != 1 {
				t.Fatalf("ResolveWith = %v, %v; want a.md", files, err)
			}
			var want []string
			if tt.warning != "" {
				want = []string{strings.ReplaceAll(tt.warning, "%s", root)}
			}
			if !reflect.DeepEqual(warnings, want) {
				t.Errorf("warnings = %#v, want %#v", warnings, want)
			}
		})
	}
}

func TestExcludeFingerprint(t *testing.T) {
	root := writeTree(t, ignoreTree, map[string]string{".gitignore": "drafts/\n", "sub/.cribignore": "*.txt\n", "drafts/.gitignore": "x\n"})
	fp := func(t *testing.T, exclude ...string) []byte {
		t.Helper()
		b, err := corpus.ExcludeFingerprint([]string{root}, corpus.LoadOptions{Exclude: exclude})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	base := fp(t)
	for _, part := range []string{"drafts/\n", "*.txt\n", filepath.Join(root, ".gitignore"), filepath.Join(root, "sub", ".cribignore")} {
		if !bytes.Contains(base, []byte(part)) {
			t.Errorf("fingerprint does not hold %q:\n%s", part, base)
		}
	}
	tests := []struct {
		name    string
		change  func(t *testing.T)
		exclude []string
		same    bool
	}{
		{"nothing changed", func(*testing.T) {}, nil, true},
		{"a note changed", func(t *testing.T) { write(t, root, "a.md", "- changed") }, nil, true},
		{"an ignore file in an excluded folder changed", func(t *testing.T) { write(t, root, "drafts/.gitignore", "y\n") }, nil, true},
		{"an exclude pattern added", func(*testing.T) {}, []string{"*.md"}, false},
		{"an ignore file changed", func(t *testing.T) { write(t, root, "sub/.cribignore", "*.md\n") }, nil, false},
		{"an ignore file added", func(t *testing.T) { write(t, root, "sub/deep/.gitignore", "f.md\n") }, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change(t)
			got := fp(t, tt.exclude...)
			if same := bytes.Equal(got, base); same != tt.same {
				t.Errorf("fingerprint unchanged = %v, want %v:\n%s", same, tt.same, got)
			}
			base = fp(t) // the next case compares with the notes as they are now
		})
	}
	t.Run("error for a missing path", func(t *testing.T) {
		if _, err := corpus.ExcludeFingerprint([]string{filepath.Join(root, "nope")}, corpus.LoadOptions{}); err == nil {
			t.Error("no error")
		}
	})
}

// TestResolveKeyed checks that one walk gives what ResolveWith and
// ExcludeFingerprint give apart, and each file's stat.
func TestResolveKeyed(t *testing.T) {
	root := writeTree(t, ignoreTree, map[string]string{".gitignore": "drafts/\n", "sub/.cribignore": "*.txt\n"})
	opts := corpus.LoadOptions{Exclude: []string{"b.md"}}
	got, err := corpus.ResolveKeyed([]string{root}, opts)
	if err != nil {
		t.Fatal(err)
	}
	files, warnings, _ := corpus.ResolveWith([]string{root}, opts)
	fp, _ := corpus.ExcludeFingerprint([]string{root}, opts)
	if !reflect.DeepEqual(paths(root, got.Files), paths(root, files)) || !reflect.DeepEqual(got.Warnings, warnings) || !bytes.Equal(got.Fingerprint, fp) {
		t.Errorf("ResolveKeyed = %v %q\n%s\nwant %v %q\n%s", paths(root, got.Files), got.Warnings, got.Fingerprint, paths(root, files), warnings, fp)
	}
	for _, f := range got.Files {
		if info := f.Info(); info == nil || info.Size() != f.Size || info.ModTime().UnixNano() != f.ModTime {
			t.Errorf("%s: Info() = %v, want its stat", f.Path, info)
		}
		if want, _ := filepath.EvalSymlinks(filepath.Dir(f.Path)); f.RealDir() != want {
			t.Errorf("%s: RealDir() = %q, want %q", f.Path, f.RealDir(), want)
		}
	}
	if _, err := corpus.ResolveKeyed([]string{filepath.Join(root, "nope")}, opts); err == nil {
		t.Error("no error for a missing path")
	}
}

func write(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
