package cmd

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestCompletions: crib service completes service names, --color its
// values and -n a few counts, never file names (issue 17.8).
func TestCompletions(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"service names", []string{"__complete", "service", "eventb"}, []string{"EventBridge\tmessaging", "EventBridge Pipes\tmessaging"}},
		{"service names ignore case", []string{"__complete", "service", "systems m"}, []string{"Systems Manager\tmanagement"}},
		{"--color", []string{"__complete", "--color", ""}, []string{"auto", "always", "never"}},
		{"--color on service", []string{"__complete", "service", "--color", "a"}, []string{"auto", "always"}},
		{"-n", []string{"__complete", "-n", ""}, []string{"1", "5", "10"}},
		{"question words", []string{"__complete", "warm", ""}, nil},
		{"--tag offers the notes' tags", []string{"__complete", "--notes", "testdata/tree", "--tag", ""}, []string{"aws", "cicd", "k8s"}},
		{"--tag by prefix", []string{"__complete", "--notes", "testdata/tree", "--tag", "c"}, []string{"cicd"}},
		{"--tag with no such notes offers nothing", []string{"__complete", "--notes", "testdata/no-such-notes", "--tag", ""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: tt.args}.run(t)
			if code != ExitFound {
				t.Fatalf("exit %d, stderr %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if last := lines[len(lines)-1]; last != ":4" {
				t.Errorf("directive %s, want :4 (no file completion)", last)
			}
			for _, w := range tt.want {
				if !strings.Contains("\n"+out, "\n"+w+"\n") {
					t.Errorf("completions lack %q:\n%s", w, out)
				}
			}
			if strings.HasSuffix(tt.name, "offers nothing") && len(lines) != 1 {
				t.Errorf("completions %q, want none", lines[:len(lines)-1])
			}
		})
	}
}

// TestBuildVersion: without -ldflags, crib --version reports what the go
// command recorded: the module version of go install m@v, or the VCS
// revision and time of a go build in a clone.
func TestBuildVersion(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "3c34db82dd9e0123456789"}, {Key: "vcs.time", Value: "2026-11-25T18:28:59Z"}}
	tests := []struct {
		name    string
		bi      *debug.BuildInfo
		v, c, d string
		want    string
	}{
		{"no information", nil, "", "", "", "dev (commit unknown, built unknown)"},
		{"go build in a clone", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs}, "", "", "", "dev (commit 3c34db82dd9e, built 2026-11-25T18:28:59Z)"},
		{"go build with edits", &debug.BuildInfo{Settings: append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "", "", "", "dev (commit 3c34db82dd9e, modified, built 2026-11-25T18:28:59Z)"},
		{"go install m@v", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "", "", "", "v1.2.0 (commit unknown, built unknown)"},
		{"make stamps win", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs}, "v1.3.0", "abc", "today", "v1.3.0 (commit abc, built today)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion(tt.bi, tt.v, tt.c, tt.d); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
