package question

import "regexp"

// A question asking who did something ("who deleted the bucket", "find out
// who changed the security group") asks for the record of who made a call:
// an audit question. The analyser drops "who" as a stop word, so "who
// deleted an S3 bucket" asked only about deleting buckets and found
// DELETE_FAILED. AskedWho writes "who" before a verb in the past tense as
// "someone", the word the thesaurus's audit paraphrases use ("someone
// deleted => CloudTrail"), so the question meets the notes about the
// audit trail. "who can", "who is allowed" (permissions, not a past act)
// stay as they are.
var whoDid = regexp.MustCompile(`(?i)\bwho(\s+(?:has\s+|had\s+|have\s+)?(?:[a-z]+ed|made|ran|took|wrote|put|shut|broke|stole|turned|set|gave|removed|left|let|began|did)\b)`)

// AskedWho returns q with "who" before a past act written "someone" (see
// whoDid).
func AskedWho(q string) string {
	return whoDid.ReplaceAllString(q, "someone$1")
}
