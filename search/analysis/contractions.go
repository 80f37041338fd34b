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

// IsPadContraction reports whether w is a contraction without its
// apostrophe that stands for stop words only ("im", "youre", "whats"):
// a question reads it as it reads "I am", as nothing to search for.
func IsPadContraction(w string) bool {
	r, ok := contracted[w]
	return ok && len(Terms(r)) == 0
}
