package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestNothingLost runs every command against a notes folder, from inside
// it, and checks that crib changed nothing there: every file and folder
// keeps its bytes, modification time and mode, and nothing is added.
func TestNothingLost(t *testing.T) {
	bin := cribBinary(t)
	notes := lostNotes(t)
	before := treeState(t, notes)
	question := "Which service can alert on a failed deployment?\nA. SNS\nB. SQS\nC. Kinesis\n"
	steps := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"ask", "", []string{"warm", "pool"}},
		{"ask --json", "", []string{"--json", "lifecycle hook"}},
		{"ask --no-cache", "", []string{"--no-cache", "eventbridge"}},
		{"service", "", []string{"service", "eventbridge"}},
		{"check", question, []string{"check"}},
		{"check --json", question, []string{"check", "--json"}},
		{"index", "", []string{"index"}},
		{"index --status", "", []string{"index", "--status"}},
		{"practice", "warm pool\n:n 1\n:explain\nlifecycle hook\n" + question + "\n:q\n", []string{"practice"}},
		{"-i", "asg\n", []string{"-i"}},
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "NO_COLOR=1", "HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir(),
		"XDG_CONFIG_HOME=" + t.TempDir(), "XDG_STATE_HOME=" + t.TempDir()}
	for _, via := range []string{"--notes", "CRIB_NOTES"} {
		for _, s := range steps {
			t.Run(via+"/"+s.name, func(t *testing.T) {
				args, env := s.args, env
				if via == "CRIB_NOTES" {
					env = append(env, "CRIB_NOTES="+notes)
				} else {
					args = append(append([]string(nil), args...), "--notes", notes)
				}
				code, errOut := runIn(t, bin, notes, env, s.stdin, args...)
				if code != ExitFound || strings.Contains(errOut, "panic") {
					t.Errorf("crib %q: exit %d, stderr %q", args, code, errOut)
				}
				if after := treeState(t, notes); after != before {
					t.Fatalf("crib %q changed the notes (-before +after):\n%s", args, lineDiff(before, after))
				}
			})
		}
	}
}

// runIn runs crib in dir with only env, stdin and a timeout.
func runIn(t *testing.T, bin, dir string, env []string, stdin string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader(stdin)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("crib %q hung", args)
	}
	return cmd.ProcessState.ExitCode(), errOut.String()
}

// lostNotes writes a notes folder of files with different modes, line
// ends and kinds, a nested folder and a link, all dated in the past.
func lostNotes(t *testing.T) string {
	t.Helper()
	aws, err := os.ReadFile(testNotes)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "notes")
	files := []struct {
		name string
		mode os.FileMode
		data string
	}{
		{"aws.md", 0o644, string(aws)},
		{"private.md", 0o600, "# Private\n\n- SNS fans out to SQS queues\n"},
		{"readonly.md", 0o444, "- CodeDeploy lifecycle hook scripts time out after an hour\n"},
		{"windows.md", 0o664, "\uFEFF# EventBridge\r\n\r\n- EventBridge rules route events\r\n"},
		{"plain.txt", 0o640, "Kinesis streams shard data.\n"},
		{"empty.md", 0o644, ""},
		{"data.json", 0o644, `{"not": "a note"}`},
		{"sub/deep/more.md", 0o755, "- ASG warm pools keep instances stopped\n"},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.data), f.mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("aws.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	past := time.Date(2021, 3, 4, 5, 6, 7, 890123456, time.UTC)
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink == 0 {
			paths = append(paths, p)
		}
		return err
	})
	for i := len(paths) - 1; i >= 0; i-- { // a folder after what is in it
		if err := os.Chtimes(paths[i], past, past); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// treeState describes every entry below dir, one line each: path, mode,
// modification time, and the sha256 of a file or a link's target.
func treeState(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		what := ""
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			what = fmt.Sprintf("%x", sha256.Sum256(data))
		case info.Mode()&fs.ModeSymlink != 0:
			what, _ = os.Readlink(p)
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %v %d %s", rel, info.Mode(), info.ModTime().UnixNano(), what))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
