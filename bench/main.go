// Command bench measures crib against ripgrep on deterministic synthetic
// notes of several sizes and on crib's built-in notes, and writes the
// results as a markdown report: index build time and rate, index size on
// disk, one-shot question time (a new process on a cached index, median of
// several runs), peak memory, and `rg -i` over the same files in the same
// run. It is run by `make bench`; it is not a test.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

type config struct {
	sizes    []int
	runs     int
	out      string
	crib, rg string
	question []string // asked of crib
	pattern  string   // searched for by rg
	work     string
}

func run() error {
	var c config
	sizes := flag.String("sizes", "1000,10000,100000", "snippets per synthetic corpus, comma-separated")
	flag.IntVar(&c.runs, "runs", 9, "runs per one-shot measurement (the median is reported)")
	flag.StringVar(&c.out, "out", "docs/bench.md", "markdown report to write; - for stdout only")
	flag.StringVar(&c.crib, "crib", "", "crib binary to measure (default: build ./cmd/crib)")
	flag.Parse()
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad -sizes entry %q", s)
		}
		c.sizes = append(c.sizes, n)
	}
	c.question = []string{"codedeploy", "lifecycle", "hooks", "rollback"}
	c.pattern = "lifecycle hook"
	var err error
	if c.rg, err = exec.LookPath("rg"); err != nil {
		return errors.New("ripgrep (rg) is not installed: apt-get install -y ripgrep")
	}
	if c.work, err = os.MkdirTemp("", "crib-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(c.work)
	if c.crib == "" {
		c.crib = filepath.Join(c.work, "crib")
		if out, err := exec.Command("go", "build", "-o", c.crib, "./cmd/crib").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	rep := &report{started: time.Now(), load0: loadAvg()}
	if err := benchBuiltin(&c, rep); err != nil {
		return err
	}
	for _, n := range c.sizes {
		if err := benchSize(&c, rep, n); err != nil {
			return err
		}
	}
	rep.load1 = loadAvg()
	md := rep.markdown(&c)
	fmt.Print(md)
	if c.out == "-" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(c.out, []byte(md), 0o644)
}

// measurement is one process run.
type measurement struct {
	wall, cpu time.Duration // cpu: user + system
	rssKiB    int64
	stdout    string
}

// measure runs a command to the end and reports its wall time and peak
// resident memory (from wait4's rusage).
func measure(env []string, name string, args ...string) (measurement, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start), stdout: out.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rssKiB = ru.Maxrss
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: nothing matched
		return m, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, errOut.String())
	}
	if errOut.Len() > 0 && filepath.Base(name) == "crib" {
		return m, fmt.Errorf("crib %s wrote to stderr: %s", strings.Join(args, " "), errOut.String())
	}
	return m, nil
}

// timing is the median of several runs of one command.
type timing struct {
	wall, cpu time.Duration // medians
	rssKiB    int64         // the highest
}

// job is one command to time.
type job struct {
	env  []string
	name string
	args []string
}

// medians runs the jobs in turn, c.runs rounds of each, so that other
// work on the machine weighs on all of them alike, and returns each one's
// medians.
func (c *config) medians(jobs ...job) ([]timing, error) {
	walls := make([][]time.Duration, len(jobs))
	cpus := make([][]time.Duration, len(jobs))
	out := make([]timing, len(jobs))
	for range c.runs {
		for i, j := range jobs {
			m, err := measure(j.env, j.name, j.args...)
			if err != nil {
				return nil, err
			}
			walls[i], cpus[i] = append(walls[i], m.wall), append(cpus[i], m.cpu)
			out[i].rssKiB = max(out[i].rssKiB, m.rssKiB)
		}
	}
	for i := range jobs {
		slices.Sort(walls[i])
		slices.Sort(cpus[i])
		out[i].wall, out[i].cpu = walls[i][len(walls[i])/2], cpus[i][len(cpus[i])/2]
	}
	return out, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
