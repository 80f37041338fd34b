package cmd

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// transcript runs crib with args against fake streams and returns what a
// golden file records: exit status, stdout and stderr.
type transcript struct {
	args  []string
	tty   bool
	env   map[string]string
	stdin string
}

func (tr transcript) run(t *testing.T) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range tr.env {
		env[k] = v
	}
	ios := &IOStreams{
		In: strings.NewReader(tr.stdin), Out: &out, ErrOut: &errOut,
		OutTTY: tr.tty, Width: 80,
		Getenv: func(k string) string { return env[k] },
	}
	if tr.tty {
		ios.Styler = tagStyler{}
	}
	root := NewCmdRoot(ios)
	root.SetArgs(questionArgs(root, tr.args))
	code := Execute(root, ios)
	return code, out.String(), errOut.String()
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
