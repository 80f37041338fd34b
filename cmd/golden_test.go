package cmd

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// transcript runs crib with args against fake streams and returns what a
// golden file records: exit status, stdout and stderr.
type transcript struct {
	args   []string
	tty    bool
	errTTY bool // stderr is a terminal
	env    map[string]string
	stdin  string
	// slow hands stdin over a line per read, as typed lines or a slow
	// paste arrive; otherwise all of it is there at once.
	slow bool
}

func (tr transcript) run(t *testing.T) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": seededCache(t), "XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range tr.env {
		env[k] = v
	}
	ios := &IOStreams{
		In: stdinOf(tr), Out: &out, ErrOut: &errOut,
		OutTTY: tr.tty, ErrTTY: tr.errTTY, Width: 80,
		Getenv: func(k string) string { return env[k] },
	}
	if tr.tty {
		ios.Styler = tagStyler{}
	}
	code := Run(ios, tr.args)
	return code, out.String(), errOut.String()
}

// builtinCache is a cache folder holding the built-in notes' index,
// built once per test run: a transcript's fresh cache starts as a copy
// of it, since almost every question reads the built-in notes (for
// themselves or to widen a question about other notes) and building
// their index for each of hundreds of transcripts was most of this
// package's test time. A transcript that sets XDG_CACHE_HOME itself
// starts from what it sets.
var builtinCache = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "crib-builtin-cache-")
	if err != nil {
		return "", err
	}
	builtinCacheDir = dir
	var out bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out, Width: 80,
		Getenv: func(k string) string { return map[string]string{"XDG_CACHE_HOME": dir, "HOME": dir}[k] }}
	if code := Run(ios, []string{"index"}); code != ExitFound {
		return "", fmt.Errorf("crib index on the built-in notes: exit %d\n%s", code, out.String())
	}
	return dir, nil
})

// builtinCacheDir is builtinCache's folder once made, for TestMain to
// remove.
var builtinCacheDir string

// seededCache returns a new cache folder holding a copy of builtinCache.
func seededCache(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src, err := builtinCache()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// checkGolden compares got with testdata/golden/name, or rewrites it
// under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines that differ between want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

func formatTranscript(code int, stdout, stderr string) string {
	return fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", code, stdout, stderr)
}

// stdinOf is a transcript's standard input (see transcript.slow).
func stdinOf(tr transcript) io.Reader {
	if tr.slow {
		return &lineAtATime{rest: tr.stdin}
	}
	return strings.NewReader(tr.stdin)
}

// lineAtATime returns at most one line per Read.
type lineAtATime struct{ rest string }

func (r *lineAtATime) Read(p []byte) (int, error) {
	if r.rest == "" {
		return 0, io.EOF
	}
	line := r.rest
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.rest = r.rest[n:]
	return n, nil
}
