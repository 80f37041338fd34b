package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// snippetsPerFile is how many bullets one generated notes file holds, about
// as many as one chapter of real study notes.
const snippetsPerFile = 150

var (
	services = []string{
		"CodeCommit", "CodeBuild", "CodeDeploy", "CodePipeline", "CodeArtifact",
		"CloudFormation", "AWS CDK", "Elastic Beanstalk", "OpsWorks", "Systems Manager",
		"EC2", "Auto Scaling", "ELB", "Application Load Balancer", "Lambda",
		"API Gateway", "Step Functions", "ECS", "EKS", "Fargate", "ECR",
		"S3", "EBS", "EFS", "DynamoDB", "RDS", "Aurora", "ElastiCache",
		"CloudWatch", "CloudWatch Logs", "EventBridge", "X-Ray", "CloudTrail",
		"AWS Config", "GuardDuty", "Security Hub", "Inspector", "Macie",
		"IAM", "IAM Identity Center", "Organizations", "Control Tower", "KMS",
		"Secrets Manager", "Parameter Store", "Route 53", "CloudFront", "VPC",
		"Transit Gateway", "SNS", "SQS", "Kinesis Data Streams", "Firehose",
		"OpenSearch Service", "Trusted Advisor", "Service Catalog", "Backup",
		"Elastic Disaster Recovery", "Health Dashboard", "Resource Access Manager",
	}
	features = []string{
		"lifecycle hooks", "deployment groups", "change sets", "stack sets",
		"drift detection", "blue/green deployments", "canary releases",
		"rolling updates", "warm pools", "launch templates", "target groups",
		"health checks", "metric filters", "subscription filters", "composite alarms",
		"anomaly detection", "event rules", "dead-letter queues", "cross-region replication",
		"lifecycle policies", "versioning", "point-in-time recovery", "read replicas",
		"Multi-AZ failover", "global tables", "service control policies",
		"permission boundaries", "resource policies", "VPC endpoints", "custom resources",
		"stack policies", "approval actions", "build caches", "artifact stores",
		"managed rules", "conformance packs", "remediation actions", "automation runbooks",
		"patch baselines", "maintenance windows", "session logging", "run command",
		"state manager associations", "inventory", "encryption at rest", "key rotation",
		"access logs", "trace sampling", "service maps", "log insights queries",
	}
	verbs = []string{
		"automate", "monitor", "audit", "encrypt", "replicate", "roll back",
		"detect", "remediate", "deploy", "scale", "notify on", "restrict",
		"centralise", "rotate", "validate", "approve", "trace", "archive",
		"promote", "isolate", "recover", "tag", "patch", "collect",
	}
	objects = []string{
		"application revisions", "build artifacts", "container images",
		"infrastructure changes", "configuration drift", "failed deployments",
		"unhealthy instances", "access keys", "secrets", "log data", "API calls",
		"non-compliant resources", "cross-account access", "database snapshots",
		"stateful workloads", "traffic shifts", "pipeline stages", "test reports",
		"custom metrics", "security findings", "cost anomalies", "golden AMIs",
	}
	conditions = []string{
		"a deployment fails", "an alarm enters the ALARM state", "a new commit lands on main",
		"a stack update is rejected", "an instance fails its health check",
		"the error rate rises above 1%", "a region becomes unavailable",
		"a security group is opened to 0.0.0.0/0", "an access key is older than 90 days",
		"a build takes longer than 30 minutes", "the queue depth keeps growing",
		"a manual approval times out", "a compliance rule is violated",
		"traffic shifts to the green fleet", "the RPO must stay under 15 minutes",
	}
	codes = []string{
		"`appspec.yml`", "`buildspec.yml`", "`AllowTraffic`", "`BeforeInstall`",
		"`cfn-init`", "`cfn-signal`", "`DeletionPolicy: Retain`", "`UpdateReplacePolicy`",
		"`CAPABILITY_NAMED_IAM`", "`iam:PassRole`", "`s3:GetObject`", "`aws:SourceVpce`",
		"`Pending:Wait`", "`CodeDeployDefault.OneAtATime`", "`LambdaCanary10Percent5Minutes`",
		"`AWS_RISK_CREDENTIALS_EXPOSED`", "`ssm:StartAutomationExecution`", "`Fn::GetAtt`",
	}
	templates = []string{
		"%[1]s %[2]s let you %[3]s %[4]s when %[5]s.",
		"Use %[1]s %[2]s to %[3]s %[4]s across accounts and regions.",
		"%[1]s can %[3]s %[4]s automatically; configure %[2]s and an EventBridge rule for when %[5]s.",
		"To %[3]s %[4]s with %[1]s, enable %[2]s and reference %[6]s in the template.",
		"%[1]s does not %[3]s %[4]s by default: %[2]s must be turned on first.",
		"When %[5]s, %[1]s %[2]s %[3]s %[4]s without manual steps.",
		"Exam tip: pick %[1]s %[2]s over custom scripts to %[3]s %[4]s.",
		"%[1]s writes events for %[4]s to CloudTrail, so auditors can %[3]s them later.",
		"%[6]s in %[1]s controls how %[2]s %[3]s %[4]s.",
		"The least-effort way to %[3]s %[4]s is %[1]s with %[2]s.",
	}
	topics = []string{"Concepts", "Deployment", "Monitoring", "Security", "Troubleshooting",
		"Limits and quotas", "Exam scenarios", "Cost", "Resilience", "Automation"}
)

// generate writes n snippets of synthetic AWS study notes below dir, the
// same files for the same n and seed, and returns how many files it wrote.
func generate(dir string, n int, seed uint64) (int, error) {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	files := 0
	for done := 0; done < n; files++ {
		count := min(snippetsPerFile, n-done)
		svc := services[files%len(services)]
		sub := filepath.Join(dir, fmt.Sprintf("domain-%02d", files%12))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return files, err
		}
		name := fmt.Sprintf("%s-%04d.md", strings.ToLower(strings.NewReplacer(" ", "-", "/", "-").Replace(svc)), files)
		if err := os.WriteFile(filepath.Join(sub, name), noteFile(r, svc, files, count), 0o644); err != nil {
			return files, err
		}
		done += count
	}
	return files, nil
}

// noteFile is one markdown file of count bullets about svc: headings,
// top-level bullets and some nested ones, as students write them.
func noteFile(r *rand.Rand, svc string, part, count int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s notes, part %d\n\n", svc, part+1)
	for i := 0; i < count; i++ {
		if i%12 == 0 {
			fmt.Fprintf(&b, "\n## %s: %s\n\n", svc, topics[r.IntN(len(topics))])
		}
		indent := ""
		if i%12 != 0 && r.IntN(4) == 0 {
			indent = "  "
		}
		fmt.Fprintf(&b, "%s- %s\n", indent, sentence(r, svc))
	}
	return []byte(b.String())
}

func sentence(r *rand.Rand, svc string) string {
	if r.IntN(3) == 0 {
		svc = services[r.IntN(len(services))]
	}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	return fmt.Sprintf(pick(templates), svc, pick(features), pick(verbs), pick(objects), pick(conditions), pick(codes))
}
