//go:build unix

package journal

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// mayBeRunning against real processes: one running, one ended and reaped,
// one ended and not yet reaped, a pid reused, and this process's pid.
func TestMayBeRunning(t *testing.T) {
	running := exec.Command("sleep", "60")
	if err := running.Start(); err != nil {
		t.Fatal(err)
	}
	startedRunning := time.Now()
	t.Cleanup(func() { _ = running.Process.Kill(); _ = running.Wait() })

	reaped := exec.Command("true")
	if err := reaped.Run(); err != nil {
		t.Fatal(err)
	}

	zombie := exec.Command("sleep", "60")
	if err := zombie.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = zombie.Wait() })
	if err := zombie.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitZombie(t, zombie.Process.Pid)

	cases := []struct {
		name string
		w    writer
		want bool
	}{
		{"a running process", writer{running.Process.Pid, startedRunning}, true},
		{"an ended process", writer{reaped.Process.Pid, time.Now()}, false},
		{"an ended process not yet reaped", writer{zombie.Process.Pid, time.Now()}, false},
		// A second earlier: only the pid tells it from this process.
		{"an earlier process with this process's pid", writer{self.pid, self.started.Add(-time.Second)}, false},
	}
	if _, err := os.Stat("/proc/self/stat"); err == nil {
		// Where the system says when a process started, a running process
		// that started long after the writer did is not the writer.
		cases = append(cases, struct {
			name string
			w    writer
			want bool
		}{"a pid reused since", writer{running.Process.Pid, startedRunning.Add(-time.Hour)}, false})
	}
	for _, tc := range cases {
		if got := mayBeRunning(tc.w); got != tc.want {
			t.Errorf("%s (pid %d): mayBeRunning = %v, want %v", tc.name, tc.w.pid, got, tc.want)
		}
	}
}

// waitZombie waits for pid to have ended and not been reaped, as /proc
// tells; where there is no /proc, the test cannot tell when that is.
func waitZombie(t *testing.T, pid int) {
	t.Helper()
	for range 500 {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			t.Skipf("no /proc here (%v): a zombie cannot be told apart", err)
		}
		if state, _, ok := parseProcStat(stat); ok && state == 'Z' {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d was killed but is not a zombie", pid)
}

func TestParseProcStat(t *testing.T) {
	// The command name may hold spaces and parentheses.
	stat := []byte("4242 (we ird) (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100 18446744073709551615\n")
	state, ticks, ok := parseProcStat(stat)
	if !ok || state != 'S' || ticks != 987654 {
		t.Fatalf("parseProcStat = %q, %d, %v; want 'S', 987654, true", state, ticks, ok)
	}
	for _, bad := range []string{"", "4242 (x", "4242 (x) S 1 2", "4242 (x) SS 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 9 1"} {
		if _, _, ok := parseProcStat([]byte(bad)); ok {
			t.Errorf("parseProcStat(%q) read something", bad)
		}
	}
}
