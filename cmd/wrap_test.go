package cmd

import (
	"strings"
	"testing"
)

func TestWrapMeasuresDisplayWidth(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"ascii", "one two three four", 9, []string{"one two", "three", "four"}},
		{"long word alone", "a extraordinarily b", 5, []string{"a", "extraordinarily", "b"}},
		{"wide characters count two columns", "日本語 日本語 ab", 13, []string{"日本語 日本語", "ab"}},
		{"emoji count two columns", "🚀🚀 ok ok", 7, []string{"🚀🚀 ok", "ok"}},
		{"combining marks count none", "cafe\u0301 cafe\u0301 x", 12, []string{"cafe\u0301 cafe\u0301 x"}},
		{"nothing", "  ", 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapText(tt.text, tt.width)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("wrapText(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			for _, l := range got {
				if w := textWidth(l); w > tt.width && !strings.Contains(tt.name, "alone") {
					t.Errorf("line %q is %d columns wide, over %d", l, w, tt.width)
				}
			}
		})
	}
}
