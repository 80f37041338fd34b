package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crib-dev/crib/search/cache"
)

// builtCrib is the crib binary that process tests run, built once.
var builtCrib struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtCrib.dir != "" {
		os.RemoveAll(builtCrib.dir)
	}
	if builtinCacheDir != "" {
		os.RemoveAll(builtinCacheDir)
	}
	os.Exit(code)
}

// cribBinary builds crib for tests that need separate processes.
func cribBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds crib")
	}
	b := &builtCrib
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "crib-test-"); b.err != nil {
			return
		}
		b.path = filepath.Join(b.dir, "crib")
		out, err := exec.Command("go", "build", "-o", b.path, "github.com/crib-dev/crib/cmd/crib").CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// notesDir writes files notes files of per bullets each.
func notesDir(t *testing.T, files, per int) string {
	t.Helper()
	dir := t.TempDir()
	services := []string{"CodeDeploy", "CodePipeline", "CloudFormation", "CloudWatch", "IAM", "S3", "Lambda", "ECS"}
	for f := range files {
		var b strings.Builder
		svc := services[f%len(services)]
		fmt.Fprintf(&b, "# %s part %d\n\n## Operations\n\n", svc, f)
		for i := range per {
			fmt.Fprintf(&b, "- %s item %d: roll back a failed deployment when alarm %d fires, rotate access keys, replicate buckets.\n", svc, i, f*per+i)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d-%s.md", f, strings.ToLower(svc))), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type run struct {
	code        int
	out, errOut string
}

func runCrib(t *testing.T, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command(cribBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("crib %q hung", args)
	}
	return run{cmd.ProcessState.ExitCode(), out.String(), errOut.String()}
}

// generations lists the index generations under a cache folder.
func generations(t *testing.T, cache string) []string {
	t.Helper()
	gens, err := filepath.Glob(filepath.Join(cache, "crib", "notes-*", "g-*"))
	if err != nil {
		t.Fatal(err)
	}
	return gens
}

// TestConcurrentFirstRuns starts eight cribs at once on an empty cache:
// all answer, the same as an uncached crib, without a warning, and one
// index results.
func TestConcurrentFirstRuns(t *testing.T) {
	notes := notesDir(t, 10, 100)
	cache := t.TempDir()
	env := []string{"XDG_CACHE_HOME=" + cache, "NO_COLOR=1"}
	want := runCrib(t, env, "--no-cache", "--notes", notes, "roll back failed deployment")
	if want.code != 0 || want.out == "" {
		t.Fatalf("uncached crib: exit %d, stderr %q", want.code, want.errOut)
	}
	if gens := generations(t, cache); len(gens) != 0 {
		t.Fatalf("--no-cache wrote %q", gens)
	}
	runs := make([]run, 8)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[i] = runCrib(t, env, "--notes", notes, "roll back failed deployment")
		}()
	}
	wg.Wait()
	for i, r := range runs {
		if r.code != 0 || r.errOut != "" || r.out != want.out {
			t.Errorf("crib %d: exit %d, stderr %q, stdout same as uncached: %v", i, r.code, r.errOut, r.out == want.out)
		}
	}
	if gens := generations(t, cache); len(gens) != 1 {
		t.Errorf("cache holds %d generations, want 1: %q", len(gens), gens)
	}
}

// TestQuestionsDuringIndex asks while `crib index` rebuilds: the
// questions wait for it or answer from the old index, never fail.
func TestQuestionsDuringIndex(t *testing.T) {
	notes := notesDir(t, 10, 100)
	cache := t.TempDir()
	env := []string{"XDG_CACHE_HOME=" + cache}
	want := runCrib(t, env, "--notes", notes, "rotate access keys")
	os.WriteFile(filepath.Join(notes, "00-codedeploy.md"), []byte("- CodeDeploy rotates nothing.\n"), 0o644)
	want2 := runCrib(t, env, "--no-cache", "--notes", notes, "rotate access keys")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if r := runCrib(t, env, "index", "--notes", notes); r.code != 0 {
			t.Errorf("crib index: exit %d, stderr %q", r.code, r.errOut)
		}
	}()
	for range 4 {
		r := runCrib(t, env, "--notes", notes, "rotate access keys")
		if r.code != 0 || r.errOut != "" || (r.out != want.out && r.out != want2.out) {
			t.Errorf("question during index: exit %d, stderr %q", r.code, r.errOut)
		}
	}
	wg.Wait()
}

// TestCacheFaultsCLI: an unwritable cache folder and a damaged cache each
// cost one warning line, never the answer.
func TestCacheFaultsCLI(t *testing.T) {
	notes := notesDir(t, 3, 20)
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	// Root ignores folder permissions, so the unwritable cache is a path
	// below a regular file, and one below /proc.
	for _, dir := range []string{file, "/proc/crib-test"} {
		r := runCrib(t, []string{"XDG_CACHE_HOME=" + dir}, "--notes", notes, "rotate keys")
		if r.code != 0 || strings.Count(r.errOut, "\n") != 1 || !strings.HasPrefix(r.errOut, "crib: warning: cannot write the index cache in ") {
			t.Errorf("cache in %s: exit %d, stderr %q; want an answer and one warning", dir, r.code, r.errOut)
		}
	}
	cache := t.TempDir()
	env := []string{"XDG_CACHE_HOME=" + cache}
	want := runCrib(t, env, "--notes", notes, "rotate keys")
	gens := generations(t, cache)
	if len(gens) != 1 {
		t.Fatalf("generations %q", gens)
	}
	os.WriteFile(filepath.Join(gens[0], "snippets.bin"), []byte("garbage"), 0o644)
	r := runCrib(t, env, "--notes", notes, "rotate keys")
	if r.code != 0 || r.out != want.out || strings.Count(r.errOut, "\n") != 1 || !strings.Contains(r.errOut, "damaged") {
		t.Errorf("damaged cache: exit %d, stderr %q; want the answer and one warning", r.code, r.errOut)
	}
	if r := runCrib(t, env, "--notes", notes, "rotate keys"); r.errOut != "" {
		t.Errorf("after the rebuild: stderr %q", r.errOut)
	}
}

// TestIndexCommand runs crib index and --status in process.
func TestIndexCommand(t *testing.T) {
	notes := notesDir(t, 2, 5)
	cache := t.TempDir()
	env := map[string]string{"XDG_CACHE_HOME": cache}
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"index", "--status", "--notes", notes}, []string{"state:    not built"}},
		{[]string{"index", "--notes", notes}, []string{"index built: 10 snippets in"}},
		{[]string{"index", "--status", "--notes", notes}, []string{"contents: 10 snippets from 2 files", "state:    fresh"}},
		{[]string{"index", "--notes", notes}, []string{"index up to date: 10 snippets, none re-indexed"}},
	}
	for _, s := range steps {
		code, out, errOut := transcript{args: s.args, env: env}.run(t)
		if code != 0 || errOut != "" {
			t.Errorf("crib %q: exit %d, stderr %q", s.args, code, errOut)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("crib %q printed:\n%s\nwant a line with %q", s.args, out, w)
			}
		}
	}
	os.WriteFile(filepath.Join(notes, "03-new.md"), []byte("- new note\n"), 0o644)
	if _, out, _ := (transcript{args: []string{"index", "--status", "--notes", notes}, env: env}).run(t); !strings.Contains(out, "state:    stale: added ") {
		t.Errorf("status after adding a file:\n%s", out)
	}
	if _, out, _ := (transcript{args: []string{"index", "--notes", notes}, env: env}).run(t); !strings.Contains(out, "index updated (") || !strings.Contains(out, "re-indexed) in") {
		t.Errorf("index after adding a file:\n%s", out)
	}
	// Words after index are a question (issue 17.1), with a note saying so.
	if _, _, errOut := (transcript{args: []string{"index", "--notes", notes, "extra"}, env: env}).run(t); !strings.HasPrefix(errOut, `crib: answering "index extra" as a question`) {
		t.Errorf("crib index extra: stderr %q; want the words answered as a question", errOut)
	}
}

func TestIndexFlags(t *testing.T) {
	var got *IndexOptions
	c := NewCmdIndex(&IOStreams{Getenv: func(string) string { return "" }}, func(o *IndexOptions) error { got = o; return nil })
	c.SetArgs([]string{"--status", "--notes", "a", "--notes", "b"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.Status || strings.Join(got.Source.Notes, ",") != "a,b" {
		t.Errorf("options %+v", got)
	}
}

// TestNewlineInFileNameStaysOnItsLine: a file named "b\nx.md" is shown
// as b^Jx.md in one-line outputs, index --status and warnings, as in
// results (review 9 #6: they were split in two).
func TestNewlineInFileNameStaysOnItsLine(t *testing.T) {
	var status bytes.Buffer
	st := &cache.Status{Notes: []string{"/n/b\nx.md"}, Entry: "/e", Dir: "/e/1", Changes: []string{"edited /n/b\nx.md"}}
	printStatus(visibleWriter{&status}, st, time.Now())
	var warn bytes.Buffer
	(&IOStreams{ErrOut: &warn}).Warnf("skipped %s: binary file", "/n/bin\nary.md")
	for _, tc := range []struct{ what, got, want string }{
		{"notes", status.String(), "notes:    /n/b^Jx.md\n"},
		{"state", status.String(), "state:    stale: edited /n/b^Jx.md\n"},
		{"warning", warn.String(), "crib: warning: skipped /n/bin^Jary.md: binary file\n"},
	} {
		if !strings.Contains(tc.got, tc.want) {
			t.Errorf("%s: want the line %q in:\n%s", tc.what, tc.want, tc.got)
		}
	}
}

// TestStatusDamagedWithoutGeneration: when no generation can be read
// because CURRENT itself is damaged (a directory there), --status says
// damaged, not "not built" (review 14 #2).
func TestStatusDamagedWithoutGeneration(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   cache.Status
		want string
	}{
		{"none built", cache.Status{Entry: "/e"}, "index:    none yet in /e\nstate:    not built: the next question or crib index builds it\n"},
		{"CURRENT damaged", cache.Status{Entry: "/e", Damaged: errors.New("CURRENT is not a regular file")},
			"index:    none usable in /e\nstate:    damaged (CURRENT is not a regular file): the next question rebuilds it\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			printStatus(&out, &tc.st, time.Now())
			if got := strings.TrimPrefix(out.String(), "notes:    built-in DOP-C02 notes\n"); got != tc.want {
				t.Errorf("status:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
