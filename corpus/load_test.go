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
		// Escape sequences are not text: "DANGER" is a word of its own,
		// the hidden window title is no word at all (trial 13).
		{"terminal escapes removed", "n.md", "- red alert \x1b[31mDANGER\x1b[0m title \x1b]0;pwned\x07 bell\n- C1 \u009b1mbold\u009b0m", []string{"red alert DANGER title bell", "C1 bold"}, ""},
		{"an unterminated escape stays", "n.md", "- a \x1b]0;x", []string{"a \x1b]0;x"}, ""},
		{"a stray ESC before a space takes no letter", "n.md", "- a stray \x1b byte", []string{"a stray \x1b byte"}, ""},
		{"a charset designation goes whole", "n.md", "- plain\x1b(B\x1b[m text", []string{"plain text"}, ""},
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

// An escape introducer whose control string runs past its line is no
// sequence: it does not take the notes after it, which keep their lines
// (review 15: a stray "ESC ]" took every note up to a BEL far below).
func TestParseStrayEscapeKeepsNotes(t *testing.T) {
	got, _ := corpus.Parse("n.md", []byte("- a \x1b]0;x\n- b\n- c \x07d"))
	if len(got) != 3 || got[1].Text != "b" || got[1].Line != 2 || got[2].Line != 3 {
		t.Errorf("got %+v, want a, b at line 2, c at line 3", got)
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
			files := resolveQuietly(t, root, tt.args, tt.want)
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

// symlinkTree writes files and symbolic links (name -> target) below a
// new folder and returns it; it skips the test where links cannot be made.
func symlinkTree(t *testing.T, files, links map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	return root
}

func TestResolveSymlinks(t *testing.T) {
	notes := map[string]string{"notes/a.md": "- a", "notes/sub/b.md": "- b", "other/c.md": "- c", "other/.hid/h.md": "- h"}
	tests := []struct {
		name     string
		links    map[string]string
		args     []string // below the root
		want     []string // as shown, below the root
		warnings []string // with %s for the root
	}{
		{"notes path that is a link to a folder", map[string]string{"l": "notes"},
			[]string{"l"}, []string{"l/a.md", "l/sub/b.md"}, nil},
		{"the same with a trailing slash", map[string]string{"l": "notes"},
			[]string{"l/"}, []string{"l/a.md", "l/sub/b.md"}, nil},
		{"link to a folder outside the notes is followed", map[string]string{"notes/ext": "../other"},
			[]string{"notes"}, []string{"notes/a.md", "notes/ext/c.md", "notes/sub/b.md"}, nil},
		{"link to a file outside the notes is followed", map[string]string{"notes/z.md": "../other/c.md"},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md", "notes/z.md"}, nil},
		{"link to a note inside the notes is read once, under its first name", map[string]string{"notes/z.md": "a.md"},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md"}, nil},
		{"link to a file that is no note is skipped", map[string]string{"notes/x.pdf": "a.md"},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md"}, nil},
		{"folder linked to itself and to its parent", map[string]string{"notes/loop": ".", "notes/sub/up": ".."},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md"}, nil},
		{"two folders linked to each other", map[string]string{"notes/o": "../other", "other/n": "../notes"},
			[]string{"notes"}, []string{"notes/a.md", "notes/o/c.md", "notes/sub/b.md"}, nil},
		{"two links to one folder: read once", map[string]string{"notes/o1": "../other", "notes/o2": "../other"},
			[]string{"notes"}, []string{"notes/a.md", "notes/o1/c.md", "notes/sub/b.md"}, nil},
		{"a folder and a link to it, both named", map[string]string{"l": "notes"},
			[]string{"notes", "l"}, []string{"notes/a.md", "notes/sub/b.md"}, nil},
		{"link into a hidden folder is followed, a hidden link is not",
			map[string]string{"notes/h": "../other/.hid", "notes/.o": "../other"},
			[]string{"notes"}, []string{"notes/a.md", "notes/h/h.md", "notes/sub/b.md"}, nil},
		{"broken link with a notes name is warned about", map[string]string{"notes/gone.md": "missing.md", "notes/gone": "missing"},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md"},
			[]string{"skipped %s/notes/gone.md: no such file or directory"}},
		{"links that point at each other", map[string]string{"notes/x.md": "y.md", "notes/y.md": "x.md"},
			[]string{"notes"}, []string{"notes/a.md", "notes/sub/b.md"},
			[]string{"skipped 2 symbolic links that lead nowhere (too many levels of symbolic links): %s/notes/x.md, %s/notes/y.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := symlinkTree(t, notes, tt.links)
			var args []string
			for _, a := range tt.args {
				args = append(args, root+string(filepath.Separator)+filepath.FromSlash(a)) // not Join: it drops a trailing slash
			}
			files, warnings := resolveWithin(t, args)
			if got := paths(root, files); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("files = %#v, want %#v", got, tt.want)
			}
			var want []string
			for _, w := range tt.warnings {
				want = append(want, strings.ReplaceAll(w, "%s", root))
			}
			if !reflect.DeepEqual(warnings, want) {
				t.Errorf("warnings = %#v, want %#v", warnings, want)
			}
		})
	}
}

// resolveWithin runs Resolve, failing the test if it errs or takes more
// than 10 s (a link loop followed forever).
func resolveWithin(t *testing.T, args []string) ([]corpus.File, []string) {
	t.Helper()
	type result struct {
		files    []corpus.File
		warnings []string
		err      error
	}
	done := make(chan result, 1)
	go func() {
		files, warnings, err := corpus.Resolve(args)
		done <- result{files, warnings, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("Resolve: %v", r.err)
		}
		return r.files, r.warnings
	case <-time.After(10 * time.Second):
		t.Fatal("Resolve did not return within 10s: it follows a symlink loop")
	}
	return nil, nil
}

func TestResolveSymlinkArgs(t *testing.T) {
	root := symlinkTree(t, map[string]string{"a.md": "- a"},
		map[string]string{"link.md": "a.md", "dangling.md": "missing.md", "self": "self"})
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
	t.Run("a link to itself named directly is an error", func(t *testing.T) {
		_, _, err := corpus.Resolve([]string{filepath.Join(root, "self")})
		if err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
			t.Errorf("error = %v, want one about a link loop", err)
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

// A ** in a notes pattern matches any number of folders, none included,
// as in .gitignore and in shells with globstar: 'notes/**/*.md' finds
// notes/top.md and notes/a/b/deep.md. The folder before it is walked as
// any folder is, hidden folders and ignored files left out.
func TestResolveGlobstar(t *testing.T) {
	root := t.TempDir()
	for name, data := range map[string]string{
		"notes/top.md":        "- top",
		"notes/a/one.md":      "- one",
		"notes/a/b/deep.md":   "- deep",
		"notes/a/b/deep.txt":  "deep text",
		"notes/.hidden/h.md":  "- hidden",
		"notes/skip/s.md":     "- ignored",
		"notes/.gitignore":    "skip/\n",
		"notes/a/b/other.pdf": "%PDF",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(s string) string { return filepath.Join(root, filepath.FromSlash(s)) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"any depth, none included", []string{j("notes/**/*.md")}, []string{"notes/a/b/deep.md", "notes/a/one.md", "notes/top.md"}},
		{"below a folder", []string{j("notes/a/**/*.md")}, []string{"notes/a/b/deep.md", "notes/a/one.md"}},
		{"a folder at any depth", []string{j("notes/**/b/*")}, []string{"notes/a/b/deep.md", "notes/a/b/deep.txt"}},
		{"everything below, notes endings only", []string{j("notes/**")}, []string{"notes/a/b/deep.md", "notes/a/b/deep.txt", "notes/a/one.md", "notes/top.md"}},
		{"the folder named as well", []string{j("notes/**/*.md"), j("notes")}, []string{"notes/a/b/deep.md", "notes/a/b/deep.txt", "notes/a/one.md", "notes/top.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resolveQuietly(t, root, tt.args, tt.want)
		})
	}
	for _, arg := range []string{j("notes/**/*.rst"), j("nope/**/*.md")} {
		if _, _, err := corpus.Resolve([]string{arg}); !errors.Is(err, corpus.ErrNoSuchPath) || !strings.Contains(err.Error(), arg) {
			t.Errorf("Resolve(%q): error %v, want %v naming the pattern", arg, err, corpus.ErrNoSuchPath)
		}
	}
}

// resolveQuietly resolves args, which must give no error and no warning,
// checks the files against want (paths below root) and returns them.
func resolveQuietly(t *testing.T, root string, args, want []string) []corpus.File {
	t.Helper()
	files, warnings, err := corpus.Resolve(args)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings = %#v, want none", warnings)
	}
	if got := paths(root, files); !reflect.DeepEqual(got, want) {
		t.Errorf("files = %#v, want %#v", got, want)
	}
	return files
}
