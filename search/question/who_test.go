package question

import "testing"

func TestAskedWho(t *testing.T) {
	for q, want := range map[string]string{
		"how do I find out who deleted an S3 bucket": "how do I find out someone deleted an S3 bucket",
		"Who changed the security group?":            "someone changed the security group?",
		"who has modified the stack":                 "someone has modified the stack",
		"who made the API call":                      "someone made the API call",
		// permissions and people, not a past act: unchanged
		"who can push to the repository": "who can push to the repository",
		"who is allowed to deploy":       "who is allowed to deploy",
		"whoever needs access":           "whoever needs access",
		"the team who owns the pipeline": "the team who owns the pipeline",
	} {
		if got := AskedWho(q); got != want {
			t.Errorf("AskedWho(%q) = %q, want %q", q, got, want)
		}
	}
}
