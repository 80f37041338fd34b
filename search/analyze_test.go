package search

import (
	"fmt"
	"testing"
	"github.com/kljensen/snowball/english"
)

func TestDumpAnalyze(t *testing.T) {
	for _, w := range []string{"deploy", "deploying", "deployment", "deployed", "deploys", "deployments", "credentials", "throttle", "throttling"} {
		fmt.Println(w, english.Stem(w, true), Terms(w))
	}
	for _, s := range []string{"AWS_RISK_CREDENTIALS_EXPOSED", "Pending:Wait", "s3-bucket-ssl-requests-only", "iam:passrole", "LambdaCanary10Percent10Minutes", "WriteThrottleEvents", "4XXError", "`4XXError`", "`WriteThrottleEvents`", "AWS ECS sns Sqs eKs", "the role of the ASG", "Route53", "`AllowTraffic`", "a.b..c", "x--y", "ünïcödé-wörd"} {
		fmt.Printf("%-35s %+v\n", s, Analyze(s))
	}
}
