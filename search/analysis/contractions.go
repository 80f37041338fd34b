package analysis

import "strings"

// contracted are contractions typed without their apostrophe, as tired
// people type them ("arent", "doesnt", "im"), and the words they stand
// for. They are no typos: "arent" is not "agent", nor "doesnt" "doesn".
// Those that are words too ("id", "ill", "well", "were") are left out.
var contracted = func() map[string]string {
	m := map[string]string{}
	for _, pair := range strings.Split(`arent:are not, isnt:is not, wasnt:was not,
		werent:were not, dont:do not, doesnt:does not, didnt:did not, cant:cannot,
		couldnt:could not, wont:will not, wouldnt:would not, shouldnt:should not,
		hasnt:has not, havent:have not, hadnt:had not, mustnt:must not,
		neednt:need not, aint:is not, im:i am, ive:i have, youre:you are,
		youve:you have, youll:you will, youd:you would, theyre:they are,
		theyve:they have, theyll:they will, theyd:they would, weve:we have,
		hes:he is, shes:she is, whats:what is, thats:that is, theres:there is,
		heres:here is, whos:who is, wheres:where is, hows:how is, whys:why is`, ",") {
		word, reading, _ := strings.Cut(strings.TrimSpace(pair), ":")
		m[word] = reading
	}
	return m
}()

// Uncontract returns what w, a contraction typed without its apostrophe
// (lower case), stands for: "does not" for "doesnt", "i am" for "im".
func Uncontract(w string) (string, bool) {
	r, ok := contracted[w]
	return r, ok
}

// IsPadding reports whether w, a word in lower case, only pads a
// question: a contraction without its apostrophe that stands for stop
// words only ("im", "youre", "whats"), read as a question reads "I am",
// or a greeting or a courtesy ("hey guys", "thanks", "please"), which a
// chat with a person carries and a question to the notes does not.
func IsPadding(w string) bool {
	if courtesies[w] {
		return true
	}
	r, ok := contracted[w]
	return ok && len(Terms(r)) == 0
}

// courtesies are greetings, thanks and fillers of chat ("hey guys what
// is the best way to store secrets" held too little of its subject to be
// answered: a review saw it declined).
var courtesies = map[string]bool{
	"hey": true, "hi": true, "hello": true, "hiya": true, "yo": true,
	"guys": true, "folks": true, "thanks": true, "thank": true, "thx": true,
	"please": true, "pls": true, "plz": true, "cheers": true, "ok": true,
	"okay": true, "lol": true, "btw": true, "um": true, "uh": true, "hmm": true,
}

// IsNegation reports whether an analysed term is "not" or a contraction
// of it, typed with its apostrophe ("doesn" of "doesn't") or without it
// ("doesnt", "cant"): one list, so that a contraction added to contracted
// is read as a negation wherever negations are weighed.
func IsNegation(term string) bool {
	if term == "not" || term == "cannot" || apostropheNegations[term] {
		return true
	}
	r, ok := contracted[term]
	return ok && (r == "cannot" || strings.HasSuffix(r, " not"))
}

// apostropheNegations are what the analyzer keeps of a negated
// contraction typed with its apostrophe ("doesn't" -> "doesn").
var apostropheNegations = map[string]bool{
	"doesn": true, "isn": true, "don": true, "won": true, "didn": true,
	"aren": true, "wasn": true, "weren": true, "hasn": true, "haven": true,
	"shouldn": true, "couldn": true, "wouldn": true, "hadn": true,
	"mustn": true, "needn": true,
}
