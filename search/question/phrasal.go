package question

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The analyser drops "in" and "on" as stop words, so "the root user logs
// in" asked for "log" and found notes about CloudWatch Logs. JoinPhrasal
// writes the verb "log in" / "sign in" (and "on") as the one word the
// thesaurus knows (login, signin), so it finds sign-in notes. "logs in"
// is a verb only when nothing content-like follows: "logs in S3" and
// "logs in the bucket" stay logs.

var phrasal = regexp.MustCompile(`(?i)\b(log|logs|logged|logging|sign|signs|signed|signing)(\s+)(in|on)\b`)

// afterVerb are the words that may follow the verb "log in": a
// preposition or conjunction starting the next part of the sentence.
var afterVerb = map[string]bool{
	"to": true, "with": true, "as": true, "via": true, "using": true, "through": true,
	"from": true, "into": true, "and": true, "or": true, "but": true, "when": true,
	"while": true, "after": true, "before": true, "without": true, "successfully": true,
	"again": true, "at": true, "for": true, "if": true, "then": true, "so": true,
}

// JoinPhrasal returns q with each phrasal "log in" / "sign in" written as
// login / signin, padded with spaces so every other word keeps its byte
// offsets.
func JoinPhrasal(q string) string {
	locs := phrasal.FindAllStringSubmatchIndex(q, -1)
	if locs == nil {
		return q
	}
	b := []byte(q)
	for _, m := range locs {
		verb := strings.ToLower(q[m[2]:m[3]])
		if strings.HasPrefix(verb, "log") && !verbEnds(q[m[1]:]) {
			continue
		}
		word := "login"
		if strings.HasPrefix(verb, "sign") {
			word = "signin"
		}
		copy(b[m[0]:m[1]], word+strings.Repeat(" ", m[1]-m[0]-len(word)))
	}
	return string(b)
}

// verbEnds reports whether rest, the text after "log in", starts a new
// part of the sentence: nothing, punctuation, or a word of afterVerb.
func verbEnds(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '`' {
		return true
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	w := strings.ToLower(rest[:end])
	return afterVerb[w]
}
