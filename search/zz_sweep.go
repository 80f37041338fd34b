package search

import "testing"

func SetCheckKnobs(floor, echo, lp, syn, ctx float64) {
	stemFloor, echoWeight, lengthPower, synonymMatch, contextMatch = floor, echo, lp, syn, ctx
}
var _ = testing.Short
