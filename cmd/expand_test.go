package cmd

import (
	"strings"
	"testing"
)

// TestExpansion: questions to the user's notes are widened from the
// built-in notes (--explain names the added words "expansion"), unless
// --no-expand or CRIB_EXPAND=0; the built-in notes and crib check are
// never widened.
func TestExpansion(t *testing.T) {
	ask := []string{"--explain", "--notes", testNotes, "warm", "pool"}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		expanded bool
	}{
		{"user notes", ask, nil, true},
		{"--no-expand", append([]string{"--no-expand"}, ask...), nil, false},
		{"CRIB_EXPAND=0", ask, map[string]string{"CRIB_EXPAND": "0"}, false},
		{"CRIB_EXPAND=off, no cache", append([]string{"--no-cache"}, ask...), map[string]string{"CRIB_EXPAND": "off"}, false},
		{"no cache", append([]string{"--no-cache"}, ask...), nil, true},
		{"built-in notes", []string{"--explain", "warm", "pool"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: tt.args, env: tt.env}.run(t)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if got := strings.Contains(out, " expansion "); got != tt.expanded {
				t.Errorf("expansion named %v, want %v:\n%s", got, tt.expanded, out)
			}
			if !strings.Contains(strings.ToLower(out), "warm pool") {
				t.Errorf("the warm pool note is not found:\n%s", out)
			}
		})
	}
}
