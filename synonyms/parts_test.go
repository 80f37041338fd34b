package synonyms

import (
	"slices"
	"strings"
	"testing"
)

func TestParts(t *testing.T) {
	c, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		service   string
		want, not []string
	}{
		{"SSM", []string{"Parameter Store", "Patch Manager", "Run Command", "SSM Automation"}, []string{"EC2", "Systems Manager"}},
		{"EC2", nil, []string{"Systems Manager"}},
		{"EventBridge", []string{"EventBridge Scheduler", "EventBridge Pipes"}, nil},
		{"Lambda", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			got := c.Parts(tt.service)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Parts(%q) = %q, want it to hold %q", tt.service, got, w)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("Parts(%q) = %q, holds %q", tt.service, got, n)
				}
			}
		})
	}
}

// TestFoldSpace: foldSpace folds as strings.Fields and a join do.
func TestFoldSpace(t *testing.T) {
	for _, s := range []string{"", " ", "CloudWatch Events", " CloudWatch  Events ", "a\tb", "a\u00a0b", "\u2003x y", "x\r", "Amazon S3"} {
		if got, want := foldSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
