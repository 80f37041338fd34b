package search

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// A word typed joined is the two words the notes write hyphenated or
// apart, when the notes lack the word (trial 8: "wifi" was declined in
// notes saying Wi-Fi). A word the notes hold, one the corrector fixes as
// a typo, and a split the notes do not hold side by side stay as typed.
func TestSplitWords(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Use WPA3 on the Wi-Fi network, never WEP or TKIP.", Source: "n.md", Line: 1},
		{Text: "A health check every minute restarts stuck workers.", Source: "n.md", Line: 2},
		{Text: "Health alarms page the team; a check runs nightly.", Source: "n.md", Line: 3},
		{Text: "The file system fills up when logs are kept; a filesystem quota helps.", Source: "n.md", Line: 4},
		{Text: "Rotate the logs weekly with logrotate.", Source: "n.md", Line: 5},
		{Text: "Create a Key Pair for SSH logins; the key is shown once.", Source: "n.md", Line: 8},
		{Text: "The backup window starts at night.", Source: "n.md", Line: 6},
		{Text: "Set up a data pipeline; the base image is small.", Source: "n.md", Line: 7},
		{Text: "A zorb flux glows.", Source: "n.md", Line: 9},
		{Text: "The zorbf lux is shared.", Source: "n.md", Line: 10},
		{Text: "Each zorbf lux has an owner.", Source: "n.md", Line: 11},
	})
	for q, want := range map[string]string{
		"which wifi security":          "Wi-Fi",
		"healthcheck restarts workers": "",          // the synonyms dictionary knows it
		"keypair for ssh logins":       "Key Pair",  // as the note writes it
		"shared zorbflux":              "zorbf lux", // two notes, against one for "zorb flux"
		"filesystem quota":             "",          // the notes hold it
		"logrotat weekly":              "",          // a typo of logrotate
		"database base image":          "",          // no note says "data base"
		"backupwindow starts":          "backup window",
		"xywifi network":               "", // no split the notes hold
	} {
		got, ans := correctionOf(t, e, q)
		if q == "logrotat weekly" {
			if got != "logrotate" {
				t.Errorf("%q corrected to %q, want the typo fixed (logrotate)", q, got)
			}
			continue
		}
		if got != want {
			t.Errorf("%q corrected to %q (%v), want %q", q, got, ans.Corrections, want)
		}
		if want != "" && (len(ans.Results) == 0 || !strings.Contains(strings.ToLower(ans.Results[0].Snippet.Text), strings.ToLower(want))) {
			t.Errorf("%q: first result does not say %q", q, want)
		}
	}
}

// A number's plural no note holds is the number they hold (trial 12:
// "403s"); one the notes hold as typed, or a number they lack, stays.
func TestNumberPlurals(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "API Gateway counts 403 responses in the 4XXError metric.", Source: "n.md", Line: 1},
		{Text: "Music of the 1990s.", Source: "n.md", Line: 2},
	})
	for q, want := range map[string]string{
		"count the 403s from my api": "count the 403 from my api",
		"1990s":                      "1990s",
		"500s errors":                "500s errors",
	} {
		got, _ := e.numberPlurals(q, nil)
		if got != want {
			t.Errorf("numberPlurals(%q) = %q, want %q", q, got, want)
		}
	}
}
