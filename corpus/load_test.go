package corpus_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crib-dev/crib/corpus"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		data     string
		want     []string // snippet texts
		warnings string   // what the warning must contain, or "" for none
	}{
		{"markdown file", "n.md", "# H\n- item", []string{"item"}, ""},
		{"markdown long ending", "n.markdown", "- item", []string{"item"}, ""},
		{"text file is read as paragraphs", "n.txt", "# H\n- item\n\nnext", []string{"# H - item", "next"}, ""},
		{"text ending in upper case", "N.TXT", "# H", []string{"# H"}, ""},
		{"binary file", "bin.md", "- item\x00\x01", nil, "skipped bin.md: binary file"},
		{"invalid UTF-8", "latin1.md", "- caf\xe9", nil, "skipped latin1.md: not UTF-8 text"},
		{"empty file", "empty.md", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warning := corpus.Parse(tt.path, []byte(tt.data))
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
			}
			if !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("texts = %#v, want %#v", texts, tt.want)
			}
			if tt.warnings == "" && warning != "" || !strings.Contains(warning, tt.warnings) {
				t.Errorf("warning = %q, want %q", warning, tt.warnings)
			}
		})
	}
}

// notesTree writes a folder of notes and other files and returns its root.
func notesTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"a.md":                "- alpha",
		"b.markdown":          "- beta",
		"c.txt":               "gamma",
		"d.pdf":               "%PDF",
		"README":              "no ending",
		"sub/deep/e.MD":       "- epsilon",
		".hidden/h.md":        "- hidden",
		"sub/.git/x.md":       "- in git",
		"empty/nothing.json":  "{}",
		"only-other/img.png":  "png",
		"only-other/notes.go": "package x",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func paths(root string, files []corpus.File) []string {
	var out []string
	for _, f := range files {
		rel, err := filepath.Rel(root, f.Path)
		if err != nil {
			rel = f.Path
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func TestResolve(t *testing.T) {
	root := notesTree(t)
	j := func(s string) string { return filepath.Join(root, filepath.FromSlash(s)) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"one file", []string{j("a.md")}, []string{"a.md"}},
		{"a file of any ending named directly", []string{j("d.pdf")}, []string{"d.pdf"}},
		{"folder recursively, notes endings only, hidden folders skipped", []string{root},
			[]string{"a.md", "b.markdown", "c.txt", "sub/deep/e.MD"}},
		{"hidden folder named directly is read", []string{j(".hidden")}, []string{".hidden/h.md"}},
		{"glob pattern", []string{j("*.md")}, []string{"a.md"}},
		{"glob pattern over several endings", []string{j("[ab].*")}, []string{"a.md", "b.markdown"}},
		{"sorted whatever the argument order", []string{j("sub"), j("c.txt"), j("a.md")},
			[]string{"a.md", "c.txt", "sub/deep/e.MD"}},
		{"duplicates removed", []string{j("a.md"), root, j("*.md"), j("a.md")},
			[]string{"a.md", "b.markdown", "c.txt", "sub/deep/e.MD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, warnings, err := corpus.Resolve(tt.args)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings = %#v, want none", warnings)
			}
			if got := paths(root, files); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("files = %#v, want %#v", got, tt.want)
			}
			for _, f := range files {
				if f.ModTime == 0 {
					t.Errorf("%s: ModTime not set", f.Path)
				}
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	root := notesTree(t)
	j := func(s string) string { return filepath.Join(root, filepath.FromSlash(s)) }
	tests := []struct {
		name     string
		args     []string
		is       error  // nil: any error will do
		contains string // the message must name this
	}{
		{"missing file", []string{j("nope.md")}, corpus.ErrNoSuchPath, j("nope.md")},
		{"missing among good paths", []string{j("a.md"), j("gone")}, corpus.ErrNoSuchPath, j("gone")},
		{"glob matching nothing", []string{j("*.rst")}, corpus.ErrNoSuchPath, j("*.rst")},
		{"bad glob pattern", []string{j("[")}, nil, "bad notes pattern"},
		{"folder with no notes", []string{j("only-other")}, corpus.ErrNoNotes, j("only-other")},
		{"empty folder tree", []string{j("empty")}, corpus.ErrNoNotes, "no notes found"},
		{"no paths at all", nil, corpus.ErrNoNotes, "no notes found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, _, err := corpus.Resolve(tt.args)
			if err == nil {
				t.Fatalf("Resolve gave %d files and no error", len(files))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %q", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not name %q", err, tt.contains)
			}
			if files != nil {
				t.Errorf("files = %v, want none with an error", files)
			}
		})
	}
}

func TestResolveSymlinks(t *testing.T) {
	root := notesTree(t)
	links := map[string]string{
		"loop":         ".",             // a folder linked to itself
		"sub/up":       "..",            // and to its parent
		"link.md":      "a.md",          // a link to a note is not followed either
		"dangling.md":  "missing.md",    // a link to nothing
		"sub/deep/out": "../../.hidden", // a link out of the tree into a hidden folder
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	type result struct {
		files []corpus.File
		err   error
	}
	done := make(chan result, 1)
	go func() {
		files, _, err := corpus.Resolve([]string{root})
		done <- result{files, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("Resolve: %v", r.err)
		}
		want := []string{"a.md", "b.markdown", "c.txt", "sub/deep/e.MD"}
		if got := paths(root, r.files); !reflect.DeepEqual(got, want) {
			t.Errorf("files = %#v, want %#v", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Resolve did not return within 10s: it follows a symlink loop")
	}

	t.Run("a link named directly is followed", func(t *testing.T) {
		files, _, err := corpus.Resolve([]string{filepath.Join(root, "link.md")})
		if err != nil || len(files) != 1 {
			t.Errorf("Resolve(link.md) = %v, %v; want the one file", files, err)
		}
	})
	t.Run("a dangling link named directly is a missing path", func(t *testing.T) {
		_, _, err := corpus.Resolve([]string{filepath.Join(root, "dangling.md")})
		if !errors.Is(err, corpus.ErrNoSuchPath) {
			t.Errorf("error = %v, want one wrapping %v", err, corpus.ErrNoSuchPath)
		}
	})
}

func TestLoad(t *testing.T) {
	root := notesTree(t)
	if err := os.WriteFile(filepath.Join(root, "bin.md"), []byte("- x\x00y"), 0o644); err != nil {
		t.Fatal(err)
	}
	snippets, warnings, err := corpus.Load([]string{root})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var texts []string
	for _, s := range snippets {
		texts = append(texts, filepath.Base(s.Source)+": "+s.Text)
	}
	want := []string{"a.md: alpha", "b.markdown: beta", "c.txt: gamma", "e.MD: epsilon"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("snippets = %#v, want %#v", texts, want)
	}
	wantWarn := []string{"skipped " + filepath.Join(root, "bin.md") + ": binary file"}
	if !reflect.DeepEqual(warnings, wantWarn) {
		t.Errorf("warnings = %#v, want %#v", warnings, wantWarn)
	}

	t.Run("error passes through", func(t *testing.T) {
		_, _, err := corpus.Load([]string{filepath.Join(root, "nope")})
		if !errors.Is(err, corpus.ErrNoSuchPath) {
			t.Errorf("error = %v, want one wrapping %v", err, corpus.ErrNoSuchPath)
		}
	})
}

func TestLoadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: every file is readable")
	}
	tests := []struct {
		name    string
		chmod   string // made unreadable
		warning string // the warning must contain this
	}{
		{"unreadable file", "a.md", "skipped %s: permission denied"},
		{"unreadable folder", "sub", "skipped %s: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := notesTree(t)
			p := filepath.Join(root, tt.chmod)
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, 0o755) })
			snippets, warnings, err := corpus.Load([]string{root})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want := strings.Replace(tt.warning, "%s", p, 1)
			if len(warnings) != 1 || warnings[0] != want {
				t.Errorf("warnings = %#v, want [%q]", warnings, want)
			}
			if len(snippets) != 3 {
				t.Errorf("got %d snippets, want the 3 of the readable files", len(snippets))
			}
		})
	}
}
