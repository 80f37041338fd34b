package question

import "testing"

func TestJoinPhrasal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"alert when the root user logs in", "alert when the root user login  "},
		{"root logged in to the console", "root login     to the console"},
		{"users sign in with SSO", "users signin  with SSO"},
		{"who signed on?", "who signin   ?"},
		{"store logs in S3", "store logs in S3"},
		{"ship the logs in the bucket to Athena", "ship the logs in the bucket to Athena"},
		{"log insights query", "log insights query"},
		{"logging on, then out", "login     , then out"},
		{"", ""},
	} {
		if got := JoinPhrasal(c.in); got != c.want {
			t.Errorf("JoinPhrasal(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := JoinPhrasal(c.in); len(got) != len(c.in) {
			t.Errorf("JoinPhrasal(%q) changed the length", c.in)
		}
	}
}

func FuzzJoinPhrasal(f *testing.F) {
	for _, s := range []string{"root logs in", "logs in S3", "Sign On", "log in\u00e9", "logs in `x`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if got := JoinPhrasal(q); len(got) != len(q) {
			t.Fatalf("JoinPhrasal(%q) = %q: length changed", q, got)
		}
	})
}
