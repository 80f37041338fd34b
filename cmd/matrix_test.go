package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var updateMatrix = flag.Bool("update-matrix", false, "rewrite the matrix table in docs/reliability.md from this run (at full size)")

var matrixFull = flag.Bool("matrix-full", false, "run the slowest bad inputs at full size, as -update-matrix does")

// matrixScaled says whether the slowest bad inputs are cut to a quarter
// of the size their names give, so that make test stays within its time
// on a small machine. A quarter still shows a cost that grows with the
// square of the size (16 times less, not gone) and still crosses every
// limit they test (the 1 MiB line, many files).
func matrixScaled() bool { return !*matrixFull && !*updateMatrix }

// scaled is n, or a quarter of it when matrixScaled.
func scaled(n int) int {
	if matrixScaled() {
		return n / 4
	}
	return n
}

// scaledName marks the name of a case run at a quarter of its size.
func scaledName(name string) string {
	if matrixScaled() {
		return name + " (a quarter; -matrix-full for all)"
	}
	return name
}

// matrixTimeout bounds one run of crib: a run that takes longer hangs.
const matrixTimeout = 90 * time.Second

// matrixCase is one bad input: what to set up, and what crib must do with
// it. Every case also checks that stderr shows no panic or stack trace
// and at most one warning line.
type matrixCase struct {
	name  string
	setup func(m *matrixEnv) []string // makes the input; returns crib's arguments
	code  int                         // exit status
	// want is in stdout when code is 0, else in the one error line.
	want string
	warn string // in the one warning line; "" means no warning
	// nobody runs crib as user nobody when the test runs as root, for
	// whom file permissions do not stop reads.
	nobody bool
	// maxRSS bounds crib's peak memory in KiB (0: any). It is loose: GC
	// pacing on a busy machine moves the peak by a factor of three.
	maxRSS int64
	check  func(t *testing.T, m *matrixEnv) // more checks after the run
	skip   string                           // why the case cannot pass yet
}

// TestBadInputMatrix runs the crib binary on each bad input of issue 8:
// a clear one-line error with exit 2, or a correct answer with at most
// one warning; never a panic or a hang.
func TestBadInputMatrix(t *testing.T) {
	bin := cribBinary(t)
	var rows []matrixRow
	for _, tc := range matrixCases() {
		t.Run(tc.name, func(t *testing.T) {
			row := matrixRow{name: tc.name, skip: tc.skip}
			defer func() { rows = append(rows, row) }()
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			m := newMatrixEnv(t, bin)
			args := tc.setup(m)
			if tc.nobody {
				m.asNobody()
			}
			r := m.run(args...)
			row.code, row.msg = r.code, m.summary(r)
			tc.verify(t, m, r)
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
	if *updateMatrix {
		writeMatrixDoc(t, rows)
	}
}

func (tc matrixCase) verify(t *testing.T, m *matrixEnv, r matrixResult) {
	t.Helper()
	tc.want = strings.ReplaceAll(tc.want, "$TMP", m.dir)
	tc.warn = strings.ReplaceAll(tc.warn, "$TMP", m.dir)
	if r.code != tc.code {
		t.Errorf("exit %d, want %d\nstdout: %.500s\nstderr: %.2000s", r.code, tc.code, r.out, r.errOut)
	}
	low := strings.ToLower(r.errOut)
	if strings.Contains(low, "panic") || strings.Contains(low, "goroutine ") {
		t.Errorf("stderr shows a crash:\n%.2000s", r.errOut)
	}
	warns, errs := splitStderr(r.errOut)
	switch {
	case len(warns) > 1:
		t.Errorf("%d warning lines, want at most one:\n%s", len(warns), strings.Join(warns, "\n"))
	case tc.warn == "" && len(warns) > 0:
		t.Errorf("warning %q, want none", warns[0])
	case tc.warn != "" && (len(warns) == 0 || !strings.Contains(warns[0], tc.warn)):
		t.Errorf("warnings %q, want one with %q", warns, tc.warn)
	}
	if tc.code == ExitFound {
		if len(errs) > 0 {
			t.Errorf("an answer with error lines on stderr: %q", errs)
		}
		if !strings.Contains(r.out, tc.want) {
			t.Errorf("stdout lacks %q:\n%.1000s", tc.want, r.out)
		}
	} else if len(errs) != 1 || !strings.HasPrefix(errs[0], "crib: ") || !strings.Contains(errs[0], tc.want) {
		t.Errorf("error lines %q, want one \"crib: ...\" line with %q", errs, tc.want)
	}
	if tc.maxRSS > 0 && r.maxRSS > tc.maxRSS {
		t.Errorf("crib used %d MiB, want at most %d MiB", r.maxRSS>>10, tc.maxRSS>>10)
	}
}

// splitStderr sorts stderr's lines into warnings and errors, leaving out
// the usage hints that follow a usage error.
func splitStderr(s string) (warns, errs []string) {
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		switch {
		case l == "":
		case strings.Contains(strings.ToLower(l), "warning"):
			warns = append(warns, l)
		case strings.HasPrefix(l, "Usage: crib") || strings.HasPrefix(l, "Run 'crib") && strings.HasSuffix(l, " --help' for usage."):
		default:
			errs = append(errs, l)
		}
	}
	return warns, errs
}

// matrixEnv is the world of one case: home, cache, config and state
// folders and notes, all below dir, which user nobody can enter.
type matrixEnv struct {
	t    *testing.T
	bin  string
	dir  string
	env  map[string]string
	cred *syscall.Credential
}

func newMatrixEnv(t *testing.T, bin string) *matrixEnv {
	t.Helper()
	dir, err := os.MkdirTemp("", "crib-matrix-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unlockTree(dir); os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := &matrixEnv{t: t, bin: bin, dir: dir, env: map[string]string{"PATH": os.Getenv("PATH"), "NO_COLOR": "1"}}
	for k, sub := range map[string]string{"HOME": "home", "XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state"} {
		m.env[k] = m.mkdir(sub)
	}
	return m
}

// unlockTree gives back the permissions a case took away, so that the
// folder can be removed.
func unlockTree(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if d != nil && d.IsDir() && d.Type()&os.ModeSymlink == 0 {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

func (m *matrixEnv) path(rel string) string { return filepath.Join(m.dir, rel) }

func (m *matrixEnv) mkdir(rel string) string {
	p := m.path(rel)
	if err := os.MkdirAll(p, 0o755); err != nil {
		m.t.Fatal(err)
	}
	return p
}

// write writes files below dir and returns the path of the first.
func (m *matrixEnv) write(files ...string) string {
	for i := 0; i+1 < len(files); i += 2 {
		p := m.path(files[i])
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			m.t.Fatal(err)
		}
	}
	return m.path(files[0])
}

// awsNotes puts the test notes in notes/aws.md and returns the folder.
func (m *matrixEnv) awsNotes() string {
	data, err := os.ReadFile(testNotes)
	if err != nil {
		m.t.Fatal(err)
	}
	m.write("notes/aws.md", string(data))
	return m.path("notes")
}

func (m *matrixEnv) chmod(rel string, mode os.FileMode) {
	if err := os.Chmod(m.path(rel), mode); err != nil {
		m.t.Fatal(err)
	}
}

// asNobody makes the runs of a root test run as user nobody, who owns the
// home, cache, config and state folders and a copy of crib it can run.
func (m *matrixEnv) asNobody() {
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		m.t.Skipf("running as root and there is no user nobody to drop to: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	for _, k := range []string{"HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"} {
		os.Chown(m.env[k], uid, gid)
	}
	data, err := os.ReadFile(m.bin)
	if err == nil {
		m.bin = m.path("crib")
		err = os.WriteFile(m.bin, data, 0o755)
	}
	if err != nil {
		m.t.Fatal(err)
	}
	m.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

type matrixResult struct {
	code        int
	out, errOut string
	maxRSS      int64 // KiB
}

// run runs crib with args, no input, and the case's environment only.
func (m *matrixEnv) run(args ...string) matrixResult {
	m.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), matrixTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, m.bin, args...)
	for k, v := range m.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Dir = m.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: m.cred}
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		m.t.Fatalf("crib hung: no exit within %v", matrixTimeout)
	}
	var ee *exec.ExitError
	if m.cred != nil && errors.Is(err, syscall.EPERM) {
		m.t.Skipf("cannot run crib as user nobody here: %v", err)
	}
	if err != nil && !errors.As(err, &ee) {
		m.t.Fatalf("run crib: %v", err)
	}
	r := matrixResult{code: cmd.ProcessState.ExitCode(), out: out.String(), errOut: errOut.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	return r
}

var (
	cacheEntry = regexp.MustCompile(`(notes|builtin)-[0-9a-f-]+`)
	cacheGen   = regexp.MustCompile(`g-[0-9]{8}T[0-9]{6}-[0-9]+`)
)

// summary is what the table in docs/reliability.md shows of a run.
func (m *matrixEnv) summary(r matrixResult) string {
	clean := func(s string) string {
		s = strings.ReplaceAll(s, m.dir, "$TMP")
		s = cacheGen.ReplaceAllString(cacheEntry.ReplaceAllString(s, "$1-<hash>"), "g-<gen>")
		if r := []rune(s); len(r) > 150 {
			s = string(r[:150]) + "…"
		}
		s = strings.ReplaceAll(s, "|", `\|`)
		if strings.Contains(s, "`") {
			return "`` " + s + " ``"
		}
		return "`" + s + "`"
	}
	warns, errs := splitStderr(r.errOut)
	var parts []string
	if len(errs) > 0 {
		parts = append(parts, clean(errs[0]))
	} else if line, _, _ := strings.Cut(r.out, "\n"); line != "" {
		if r := []rune(line); len(r) > 50+len(m.dir) {
			line = string(r[:50+len(m.dir)])
		}
		parts = append(parts, "answers "+clean(line))
	}
	for _, w := range warns {
		parts = append(parts, clean(w))
	}
	return strings.Join(parts, "<br>")
}

type matrixRow struct {
	name, msg, skip string
	code            int
}

// writeMatrixDoc rewrites the table between the matrix markers of
// docs/reliability.md.
func writeMatrixDoc(t *testing.T, rows []matrixRow) {
	const path = "../docs/reliability.md"
	const begin, end = "<!-- matrix -->\n", "<!-- /matrix -->\n"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(doc, []byte(begin)), bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("%s lacks the %q and %q markers", path, begin, end)
	}
	var b strings.Builder
	b.WriteString("| Case | Exit | Message |\n|---|---|---|\n")
	for _, r := range rows {
		if r.skip != "" {
			fmt.Fprintf(&b, "| %s | – | skipped: %s |\n", r.name, r.skip)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %s |\n", r.name, r.code, r.msg)
	}
	out := string(doc[:i+len(begin)]) + b.String() + string(doc[j:])
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

const warmPool = "A warm pool keeps pre-initialised instances ready"

func matrixCases() []matrixCase {
	ask := func(q ...string) func(*matrixEnv) []string {
		return func(m *matrixEnv) []string { return append([]string{"--notes", m.awsNotes()}, q...) }
	}
	inFolder := func(name, data string) func(*matrixEnv) []string {
		return func(m *matrixEnv) []string { m.write("notes/"+name, data); return ask("warm pool")(m) }
	}
	return append([]matrixCase{
		{name: "empty question", setup: ask(""), code: ExitError, want: "no question given"},
		{name: "only stop words", setup: ask("the", "of", "and"), code: ExitNotFound, want: `nothing to search for in "the of and"`},
		{name: "1 MB question, one word repeated", setup: ask(bigQuestion("instances ")...), want: warmPool},
		{name: "1 MB question, a foreign word repeated", setup: ask(bigQuestion("zebra ")...), code: ExitNotFound, want: `no note mentions "zebra"`},
		{name: "1 MB question, a phrase repeated", setup: ask(bigQuestion("warm pool instances ")...), want: warmPool, maxRSS: 400 << 10},
		{name: "1 MB question of distinct words", setup: ask(bigQuestion("")...), code: ExitNotFound, want: `"w12f", and 388 more`, maxRSS: 400 << 10},
		// Letters only, so each word is worth splitting into two the notes
		// hold (wifi -> Wi-Fi): unbounded, 150 KB of them took 480 MB.
		{name: "256 KB question of distinct letter words", setup: ask(letterWords(256 << 10)...), code: ExitNotFound, want: "no note covers", maxRSS: 300 << 10},
		{name: "control characters in the question", setup: ask("warm\x07", "\x1b[31mpool\x1b[0m", "\x01\x02\x7f"), want: warmPool},
		{name: "invalid UTF-8 in the question", setup: ask("warm", "\xff\xfe", "pool\xc3"), want: warmPool},
		{name: "unclosed quote", setup: ask(`"warm`, "pool"), want: warmPool, warn: "a quote is not closed"},
		{name: "dangling OR", setup: ask("warm", "pool", "OR"), want: warmPool, warn: `OR needs a word or "phrase" on each side`},
		{name: "question starting with - after --", setup: ask("--", "-fast", "deploy"), want: "AllowTraffic"},
		{name: "question starting with - without --", setup: ask("-fast", "deploy"), code: ExitError, want: "unknown shorthand flag: 'f' in -fast"},
		{name: "notes path missing", setup: func(m *matrixEnv) []string { return []string{"--notes", m.path("nope"), "sns"} },
			code: ExitError, want: "no such notes path: "},
		{name: "unreadable file", nobody: true, setup: func(m *matrixEnv) []string {
			m.write("notes/secret.md", "- warm pool secrets\n")
			m.chmod("notes/secret.md", 0)
			return ask("warm pool")(m)
		}, want: warmPool, warn: "secret.md: permission denied"},
		{name: "unreadable folder inside the notes", nobody: true, setup: func(m *matrixEnv) []string {
			m.write("notes/locked/a.md", "- warm pool secrets\n")
			m.chmod("notes/locked", 0)
			return ask("warm pool")(m)
		}, want: warmPool, warn: "locked: permission denied"},
		{name: "unreadable notes folder", nobody: true, setup: func(m *matrixEnv) []string {
			args := ask("warm pool")(m)
			m.chmod("notes", 0)
			return args
		}, code: ExitError, want: "no notes found in ", warn: "notes: permission denied"},
		{name: "binary file", setup: inFolder("b.md", "\x7fELF\x02\x01\x01\x00\x00warm pool"), want: warmPool, warn: "b.md: binary file"},
		{name: "invalid UTF-8 file", setup: inFolder("latin1.md", "- caf\xe9 warm pool\n"), want: warmPool, warn: "latin1.md: not UTF-8 text"},
		{name: scaledName("50 MB file with one line"), setup: hugeLine, want: "huge.md:1: zyzzyva", maxRSS: 768 << 10,
			warn: "line 1 of $TMP/notes/huge.md is longer than 1 MiB; only its first 1 MiB is searched"},
		{name: scaledName("1 MB list item of 10,000 lines"), setup: longItem, want: "long.md:1: zyzzyva starts a long item", maxRSS: 1536 << 10},
		{name: "1 MB heading over 2,000 items", setup: longHeading, want: "head.md:2001: item1999", maxRSS: 768 << 10},
		{name: scaledName("list of 100,000 items under 1,000 headings"), setup: longList, want: "list.md:4286: item4242 lives in w254",
			maxRSS: 768 << 10},
		{name: scaledName("list of 1,000,000 short items"), setup: millionItems, want: "list.md:4243: item4242 w254 w278",
			maxRSS: 900 << 10}, // 0.73 GiB in full (docs/reliability.md): under 1 GB with room
		{name: "empty file", setup: func(m *matrixEnv) []string { return []string{"--notes", m.write("notes/empty.md", ""), "sns"} },
			code: ExitError, want: "the notes hold no text to search: "},
		{name: scaledName("folder of 10,000 small files"), setup: manyFiles, want: "n01242.md:1: topic1242 lives in bucket 1242"},
		{name: "symlink loop inside the notes", setup: func(m *matrixEnv) []string {
			args := ask("warm pool")(m)
			m.symlink("..", "notes/up")
			m.symlink("b.md", "notes/a.md")
			m.symlink("a.md", "notes/b.md")
			return args
		}, want: warmPool, warn: "2 symbolic links that lead nowhere (too many levels of symbolic links)"},
		{name: "notes path is a symlink loop", setup: func(m *matrixEnv) []string {
			m.symlink("b.md", "a.md")
			m.symlink("a.md", "b.md")
			return []string{"--notes", m.path("a.md"), "sns"}
		}, code: ExitError, want: "too many levels of symbolic links"},
		{name: "notes path is a FIFO", setup: func(m *matrixEnv) []string { return []string{"--notes", m.fifo("pipe.md"), "sns"} },
			code: ExitError, want: "not a notes file or folder: "},
		{name: "FIFO inside the notes folder", setup: func(m *matrixEnv) []string {
			args := ask("warm pool")(m)
			m.fifo("notes/pipe.md")
			return args
		}, want: warmPool},
		{name: "notes path is /dev/null", setup: func(*matrixEnv) []string { return []string{"--notes", "/dev/null", "sns"} },
			code: ExitError, want: "not a notes file or folder: /dev/null"},
		{name: "corrupt cache", setup: corruptCache, want: warmPool, warn: "was damaged"},
		{name: "read-only cache folder", setup: readOnlyCache, want: warmPool, warn: "cannot write the index cache in "},
		{name: "full disk for the cache", setup: fullCache, want: warmPool, warn: "no space left on device"},
		{name: "full disk: no partial index left behind", setup: fullCache, want: warmPool, warn: "no space left on device",
			check: noPartialIndex},
		{name: "malformed user synonyms file", setup: func(m *matrixEnv) []string {
			m.write("config/crib/synonyms.txt", "asg, auto scaling group\nlonely\n")
			return ask("warm pool")(m)
		}, code: ExitError, want: "bad synonyms file $TMP/config/crib/synonyms.txt:2: "},
		{name: "CRIB_NOTES pointing nowhere", setup: func(m *matrixEnv) []string {
			m.env["CRIB_NOTES"] = m.path("nowhere")
			return []string{"sns"}
		}, code: ExitError, want: "no such notes path: "},
		{name: "disk full mid-build, 12,000 snippets", setup: fullMidBuild("item2_77"), want: "n2.md:78: item2_77 ",
			warn: "(no space left on device); searching in memory", check: noPartialIndex},
		{name: "disk full mid-build: crib index", setup: fullMidBuild("index"), code: ExitError,
			want: "cannot write the index cache in $TMP/cache/crib (no space left on device)", check: noPartialIndex},
		{name: "cache manifest names ../../../../dev/zero", setup: plantInCache(func(m *matrixEnv, gen string) {
			// The binary manifest's name of the snapshot, a length and its
			// bytes, renamed, and its checksum (the last 4 bytes) fixed.
			p := filepath.Join(gen, "manifest.bin")
			data, _ := os.ReadFile(p)
			body := bytes.Replace(data[:max(len(data)-4, 0)], []byte("\x0csnippets.bin"), []byte("\x14../../../../dev/zero"), 1)
			os.WriteFile(p, binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli))), 0o644)
		}), want: warmPool, warn: `manifest.bin names "../../../../dev/zero"); rebuilt it`, check: cacheSound},
		{name: "cache lock is a symlink", setup: plantInCache(func(m *matrixEnv, gen string) {
			lock := filepath.Join(filepath.Dir(gen), "lock")
			os.Remove(lock)
			if err := os.Symlink(m.path("planted"), lock); err != nil {
				m.t.Fatal(err)
			}
			m.write("notes/new.md", "- a new note\n") // so that crib takes the lock
		}), want: warmPool, check: func(t *testing.T, m *matrixEnv) {
			if _, err := os.Lstat(m.path("planted")); err == nil {
				t.Error("crib created the target of a lock planted as a symlink")
			}
			cacheSound(t, m)
		}},
		{name: "cache generation is a symlink", setup: plantInCache(func(m *matrixEnv, gen string) {
			if err := os.Rename(gen, m.path("elsewhere")); err != nil {
				m.t.Fatal(err)
			}
			if err := os.Symlink(m.path("elsewhere"), gen); err != nil {
				m.t.Fatal(err)
			}
		}), want: warmPool, warn: "is not a folder); rebuilt it", check: cacheSound},
		{name: "same-size edit, old mtime restored (touch -r)", setup: sameSizeEdit, want: "aws.md:18: A zyzz pool keeps",
			check: func(t *testing.T, m *matrixEnv) {
				r := m.run("index", "--force", "--notes", m.path("notes"))
				if r.code != 0 || !strings.HasPrefix(r.out, "index built: ") {
					t.Errorf("index --force on a fresh cache: exit %d\n%s%s", r.code, r.out, r.errOut)
				}
				cacheSound(t, m)
			}},
		{name: "crib index --status --force", setup: func(m *matrixEnv) []string { return []string{"index", "--status", "--force"} },
			code: ExitError, want: "--status and --force cannot be used together"},
		{name: "notes named three ways share one index", setup: func(m *matrixEnv) []string {
			m.awsNotes()
			for _, p := range []string{"notes", m.path("notes")} {
				if r := m.run("--notes", p, "warm pool"); r.code != 0 || r.errOut != "" {
					m.t.Fatalf("--notes %s: exit %d, stderr %q", p, r.code, r.errOut)
				}
			}
			return []string{"--notes", "./notes/", "warm pool"}
		}, want: "notes/aws.md:18: " + warmPool, check: func(t *testing.T, m *matrixEnv) {
			if entries, _ := filepath.Glob(filepath.Join(m.env["XDG_CACHE_HOME"], "crib", "notes-*")); len(entries) != 1 {
				t.Errorf("cache entries %q, want one", entries)
			}
		}},
		{name: "segment garbled in place, same size", setup: garbledSegment, want: warmPool,
			warn: "fails its checksum); rebuilt it", check: cacheSound},
	}, inputMatrixCases()...)
}

// letterWords returns a question of about n bytes of distinct words of
// letters ("aaabq baabq ..."), as arguments of 100 KB each (an argument may
// not pass 128 KiB).
func letterWords(n int) []string {
	var args []string
	var b strings.Builder
	for i, total := 0, 0; total < n; i++ {
		for v := i + 26*26*26; v > 0; v /= 26 {
			b.WriteByte(byte('a' + v%26))
		}
		b.WriteString("q ") // no typo of a note word: "loab" was "load"
		if b.Len() >= 100<<10 {
			total += b.Len()
			args = append(args, b.String())
			b.Reset()
		}
	}
	return append(args, b.String())
}

// bigQuestion is a question of 1 MiB in arguments of at most 100 KB
// (Linux limits one argument to 128 KiB): word repeated, or distinct
// made-up words when word is "", then "warm pool".
func bigQuestion(word string) []string {
	var args []string
	for n := 0; n < 1<<20; {
		var b strings.Builder
		for b.Len() < 100<<10 {
			if word != "" {
				b.WriteString(word)
			} else {
				fmt.Fprintf(&b, "w%x ", n+b.Len())
			}
		}
		n += b.Len() + 1
		args = append(args, b.String())
	}
	return append(args, "warm", "pool")
}

func (m *matrixEnv) symlink(target, rel string) {
	if err := os.Symlink(target, m.path(rel)); err != nil {
		m.t.Fatal(err)
	}
}

func (m *matrixEnv) fifo(rel string) string {
	p := m.path(rel)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		m.t.Skipf("cannot make a FIFO: %v", err)
	}
	return p
}

// hugeLine writes a 50 MB notes file of one line, an export of records,
// whose first word is zyzzyva.
func hugeLine(m *matrixEnv) []string {
	m.awsNotes()
	f, err := os.Create(m.path("notes/huge.md"))
	if err != nil {
		m.t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("zyzzyva ")
	for i := 0; w.Buffered()+int(mustSize(m.t, f)) < scaled(50<<20); i++ {
		fmt.Fprintf(w, `{"id":%d,"note":"roll back the stack %d when alarm %d fires"}, `, i, i%977, i%613)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		m.t.Fatal(err)
	}
	return []string{"--notes", m.path("notes"), "zyzzyva"}
}

// longItem writes a list item continued over 10,000 lines: each part of
// it holds the item so far as context, so without a bound on context its
// cost grows with the square of its length (13 GB and over 5 minutes).
func longItem(m *matrixEnv) []string {
	var b strings.Builder
	b.WriteString("- zyzzyva starts a long item\n")
	for i := range scaled(10000) {
		b.WriteString(" ")
		for j := range 14 {
			fmt.Fprintf(&b, " w%d", (i*14+j)*7919%99991)
		}
		b.WriteString("\n")
	}
	return []string{"--notes", m.write("notes/long.md", b.String()), "zyzzyva"}
}

// longHeading writes a heading of 1 MB over 2,000 list items.
func longHeading(m *matrixEnv) []string {
	var b strings.Builder
	b.WriteString("# zyzzyva" + strings.Repeat(" h", 500000) + "\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "- item%d\n", i)
	}
	return []string{"--notes", m.write("notes/head.md", b.String()), "item1999"}
}

// longList writes a list of 100,000 short items under a heading every
// 100 items (3.5 MB), a tenth of the list of issue 15.6 (a million items
// took 60 s and 2.2 GB to index).
func longList(m *matrixEnv) []string {
	var b strings.Builder
	for i := range scaled(100000) {
		if i%100 == 0 {
			fmt.Fprintf(&b, "## Section %d\n", i/100)
		}
		fmt.Fprintf(&b, "- item%d lives in w%d w%d w%d\n", i, i%997, i%991, i%983)
	}
	return []string{"--notes", m.write("notes/list.md", b.String()), "item4242", "w17"}
}

// millionItems writes the list of issue 15.6: a million items of three
// words (21.6 MB), which took 60 s and 2.2 GB to index; docs/reliability.md
// has its figures.
func millionItems(m *matrixEnv) []string {
	var b strings.Builder
	for i := range scaled(1000000) {
		fmt.Fprintf(&b, "- item%d w%d w%d\n", i, i%997, i%991)
	}
	return []string{"--notes", m.write("notes/list.md", b.String()), "item4242", "w17"}
}

func mustSize(t *testing.T, f *os.File) int64 {
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// manyFiles writes 10,000 one-line notes files.
func manyFiles(m *matrixEnv) []string {
	m.mkdir("notes")
	for i := range scaled(10000) {
		m.write(fmt.Sprintf("notes/n%05d.md", i), fmt.Sprintf("- topic%d lives in bucket %d\n", i, i))
	}
	return []string{"--notes", m.path("notes"), "topic1242"}
}

// corruptCache builds the cache, then writes garbage over all its files.
func corruptCache(m *matrixEnv) []string {
	args := []string{"--notes", m.awsNotes(), "warm pool"}
	if r := m.run(args...); r.code != 0 || r.errOut != "" {
		m.t.Fatalf("first run: exit %d, stderr %q", r.code, r.errOut)
	}
	n := 0
	filepath.WalkDir(m.env["XDG_CACHE_HOME"], func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
			return os.WriteFile(p, []byte("garbage\n"), 0o644)
		}
		return err
	})
	if n < 3 {
		m.t.Fatalf("the first run cached %d files", n)
	}
	return args
}

// readOnlyCache makes the cache folder unwritable: for root, whom
// permissions do not stop, a path below a regular file.
func readOnlyCache(m *matrixEnv) []string {
	if os.Geteuid() == 0 {
		m.env["XDG_CACHE_HOME"] = filepath.Join(m.write("file", ""), "cache")
	} else {
		m.chmod("cache", 0o555)
	}
	return []string{"--notes", m.awsNotes(), "warm pool"}
}

// fullCache puts the cache on a 64 KiB tmpfs, too small for an index.
func fullCache(m *matrixEnv) []string {
	dir := m.env["XDG_CACHE_HOME"]
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		m.t.Skipf("cannot mount a small tmpfs to fill (%v); needs root with CAP_SYS_ADMIN", err)
	}
	m.t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return []string{"--notes", m.awsNotes(), "warm pool"}
}

func noPartialIndex(t *testing.T, m *matrixEnv) {
	gens, _ := filepath.Glob(filepath.Join(m.env["XDG_CACHE_HOME"], "crib", "notes-*", "g-*"))
	if len(gens) > 0 {
		t.Errorf("a failed build left %q in the full cache", gens)
	}
}

// garbledSegment builds the cache, then writes random bytes over most of
// each segment file, keeping its size (issue 15.1: every question
// panicked and nothing repaired it).
func garbledSegment(m *matrixEnv) []string {
	args := m.cached()
	segs, _ := filepath.Glob(filepath.Join(m.env["XDG_CACHE_HOME"], "crib", "notes-*", "g-*", "index", "*.zap"))
	if len(segs) == 0 {
		m.t.Fatal("the first run cached no segment")
	}
	for _, seg := range segs {
		data, err := os.ReadFile(seg)
		if err != nil {
			m.t.Fatal(err)
		}
		for i := len(data) / 8; i < len(data)*7/8; i++ {
			data[i] = byte(i*7919 + 13)
		}
		if err := os.WriteFile(seg, data, 0o600); err != nil {
			m.t.Fatal(err)
		}
	}
	return args
}

// cached asks once so that the cache holds the test notes, and returns
// the arguments that ask again.
func (m *matrixEnv) cached() []string {
	args := []string{"--notes", m.awsNotes(), "warm pool"}
	if r := m.run(args...); r.code != 0 || r.errOut != "" {
		m.t.Fatalf("first run: exit %d, stderr %q", r.code, r.errOut)
	}
	return args
}

// cacheSound checks that the cache agrees with what crib did: the next
// question is answered quietly, crib index --status says fresh, and crib
// index has nothing to do.
func cacheSound(t *testing.T, m *matrixEnv) {
	t.Helper()
	notes := m.path("notes")
	if r := m.run("--notes", notes, "warm pool"); r.code != 0 || r.errOut != "" {
		t.Errorf("next question: exit %d, stderr %q", r.code, r.errOut)
	}
	if r := m.run("index", "--status", "--notes", notes); r.code != 0 || !strings.Contains(r.out, "state:    fresh") {
		t.Errorf("index --status: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if r := m.run("index", "--notes", notes); r.code != 0 || !strings.HasPrefix(r.out, "index up to date") {
		t.Errorf("index: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
}

// fullMidBuild puts 12,000 snippets, three bleve batches, on a 1 MiB
// cache, which fills up during the build: bleve panicked ("assignment to
// entry in nil map", issue 15.2) and left a partial generation. It asks
// question, or runs crib index when question is "index".
func fullMidBuild(question string) func(*matrixEnv) []string {
	return func(m *matrixEnv) []string {
		for f := range 3 {
			var b strings.Builder
			for i := range 4000 {
				fmt.Fprintf(&b, "- item%d_%d lives in w%d w%d\n", f, i, i*7%5000, i*13%4000)
			}
			m.write(fmt.Sprintf("notes/n%d.md", f), b.String())
		}
		dir := m.env["XDG_CACHE_HOME"]
		if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
			m.t.Skipf("cannot mount a small tmpfs to fill (%v); needs root with CAP_SYS_ADMIN", err)
		}
		m.t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
		if question == "index" {
			return []string{"index", "--notes", m.path("notes")}
		}
		return []string{"--notes", m.path("notes"), question}
	}
}

// plantInCache builds the cache, then lets plant change the generation in
// use, gen, as crib never would (issue 15.9: the cache was trusted).
func plantInCache(plant func(m *matrixEnv, gen string)) func(*matrixEnv) []string {
	return func(m *matrixEnv) []string {
		args := m.cached()
		gens, _ := filepath.Glob(filepath.Join(m.env["XDG_CACHE_HOME"], "crib", "notes-*", "g-*"))
		if len(gens) != 1 {
			m.t.Fatalf("the first run left generations %q", gens)
		}
		plant(m, gens[0])
		return args
	}
}

// sameSizeEdit caches notes last changed an hour ago, then edits them
// keeping their size and putting their modification time back, as touch
// -r, cp -p and rsync -t do: crib served the old text (issue 15.8).
func sameSizeEdit(m *matrixEnv) []string {
	notes := m.awsNotes()
	path := filepath.Join(notes, "aws.md")
	then := time.Now().Add(-time.Hour)
	os.Chtimes(path, then, then)
	if r := m.run("--notes", notes, "warm pool"); r.code != 0 || r.errOut != "" {
		m.t.Fatalf("first run: exit %d, stderr %q", r.code, r.errOut)
	}
	data, _ := os.ReadFile(path)
	edited := bytes.Replace(data, []byte("A warm pool keeps"), []byte("A zyzz pool keeps"), 1)
	if bytes.Equal(edited, data) {
		m.t.Fatal("nothing to edit")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		m.t.Fatal(err)
	}
	os.Chtimes(path, then, then)
	return []string{"--notes", notes, "zyzz"}
}
