// Command keylatency measures key-to-screen latency of programs running in
// tmux panes, the way a user feels it: the time from a key sent through a
// tmux control-mode client (`tmux -C attach`) to the first %output
// notification of the pane that carries the change. Polling capture-pane
// costs about 17 ms a call, too coarse for this; control mode reports the
// pane's output as tmux reads it. A pane running `cat` (whose echo comes
// from the terminal driver) is measured the same way, as the floor: what
// tmux, the pty and control mode add by themselves.
//
// Used by scripts/bench-process:
//
//	keylatency -L SOCKET -pane %1 -floor %2 -mode nav    -n 20
//	keylatency -L SOCKET -pane %1 -floor %2 -mode filter -word pink -n 4
//
// nav sends j and k alternately at random gaps of 150–450 ms; the change
// is the detail pane's title naming another job than before ("job
// 4094471"), which the clock's redraws of the header and of the jobs'
// ages do not hold. filter opens the filter (/), types -word a letter at a
// time, then clears it (Escape), -n times; the change is an output holding
// the letters typed so far. It prints each sample, the median and the 95th
// percentile.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	socket := flag.String("L", "", "tmux socket name (tmux -L)")
	pane := flag.String("pane", "", "the measured pane, %N")
	floor := flag.String("floor", "", "a pane running cat, %N, measured as the floor")
	mode := flag.String("mode", "nav", "nav (j/k) or filter")
	word := flag.String("word", "pink", "filter: the word typed")
	n := flag.Int("n", 20, "nav: keys; filter: words")
	flag.Parse()
	if err := run(*socket, *pane, *floor, *mode, *word, *n); err != nil {
		fmt.Fprintln(os.Stderr, "keylatency:", err)
		os.Exit(1)
	}
}

func run(socket, pane, floor, mode, word string, n int) error {
	c, err := attach(socket, pane)
	if err != nil {
		return err
	}
	defer c.close()
	switch mode {
	case "nav":
		selected, err := selectedJob(socket, pane)
		if err != nil {
			return err
		}
		var dash, cat []time.Duration
		for i := range n {
			k := []string{"j", "k"}[i%2]
			d, err := c.key(pane, k, func(out string) bool {
				m := detailTitle.FindStringSubmatch(out)
				if m == nil || m[1] == selected {
					return false
				}
				selected = m[1]
				return true
			})
			if err != nil {
				return err
			}
			dash = append(dash, d)
			d, err = c.key(floor, k, func(string) bool { return true })
			if err != nil {
				return err
			}
			cat = append(cat, d)
		}
		report("j/k, dashboard", dash)
		report("j/k, cat (floor)", cat)
	case "filter":
		var first, later []time.Duration
		for range n {
			if _, err := c.key(pane, "/", func(string) bool { return true }); err != nil {
				return err
			}
			for i := range word {
				typed := word[:i+1]
				d, err := c.key(pane, word[i:i+1], func(out string) bool { return strings.Contains(out, typed) })
				if err != nil {
					return err
				}
				if i == 0 {
					first = append(first, d)
				} else {
					later = append(later, d)
				}
			}
			if _, err := c.key(pane, "Escape", func(string) bool { return true }); err != nil {
				return err
			}
		}
		report("filter, first letter", first)
		report("filter, later letters", later)
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	return nil
}

// client is a tmux control-mode client.
type client struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
}

func attach(socket, pane string) (*client, error) {
	cmd := exec.Command("tmux", "-L", socket, "-C", "attach", "-t", pane)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("tmux -C attach: %w", err)
	}
	c := &client{cmd: cmd, in: in, lines: make(chan string, 1024)}
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
	}()
	return c, nil
}

func (c *client) close() {
	_, _ = io.WriteString(c.in, "detach-client\n")
	_ = c.in.Close()
	_ = c.cmd.Wait()
}

// key sends k to pane after a random pause, and returns the time until the
// pane's first %output for which changed holds.
func (c *client) key(pane, k string, changed func(out string) bool) (time.Duration, error) {
	time.Sleep(time.Duration(150+rand.IntN(300)) * time.Millisecond)
	c.drain()
	prefix := "%output " + pane + " "
	t0 := time.Now()
	if _, err := fmt.Fprintf(c.in, "send-keys -t %s %s\n", pane, k); err != nil {
		return 0, err
	}
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				return 0, errors.New("tmux control client ended")
			}
			if strings.HasPrefix(line, prefix) && changed(unescape(line[len(prefix):])) {
				return time.Since(t0), nil
			}
		case <-timeout:
			return 0, fmt.Errorf("no output of %s for key %s within 5 s", pane, k)
		}
	}
}

// drain drops what tmux reported before the key is sent.
func (c *client) drain() {
	for {
		select {
		case <-c.lines:
		default:
			return
		}
	}
}

// unescape undoes control mode's octal escapes (\ooo).
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// detailTitle is the detail pane's title, naming the job selected.
var detailTitle = regexp.MustCompile(`job ([0-9]{4,})`)

// selectedJob is the id of the job selected on the pane's screen.
func selectedJob(socket, pane string) (string, error) {
	out, err := exec.Command("tmux", "-L", socket, "capture-pane", "-p", "-t", pane).Output()
	if err != nil {
		return "", fmt.Errorf("capture-pane: %w", err)
	}
	m := detailTitle.FindStringSubmatch(string(out))
	if m == nil {
		return "", fmt.Errorf("no job selected on the screen:\n%s", out)
	}
	return m[1], nil
}

func report(what string, ds []time.Duration) {
	ms := make([]float64, len(ds))
	for i, d := range ds {
		ms[i] = float64(d.Microseconds()) / 1000
	}
	runs := make([]string, len(ms))
	for i, v := range ms {
		runs[i] = strconv.FormatFloat(v, 'f', 1, 64)
	}
	slices.Sort(ms)
	fmt.Printf("%-24s median %5.1f ms  p95 %5.1f ms  max %5.1f ms  (%d keys: %s)\n",
		what+":", percentile(ms, 50), percentile(ms, 95), ms[len(ms)-1], len(ms), strings.Join(runs, " "))
}

// percentile of sorted values, nearest rank.
func percentile(sorted []float64, p int) float64 {
	i := (p*len(sorted)+99)/100 - 1
	return sorted[max(i, 0)]
}
