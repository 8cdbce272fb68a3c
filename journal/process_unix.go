//go:build unix

package journal

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
	"time"
)

// processState says whether a process with pid exists and is not a
// zombie, and, where the system tells (Linux's /proc), when it started.
func processState(pid int) (alive bool, started time.Time, known bool) {
	// Signal 0 checks that the pid exists, and sends nothing. EPERM: it
	// exists, and belongs to someone else.
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false, time.Time{}, false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true, time.Time{}, false
	}
	state, ticks, ok := parseProcStat(stat)
	if !ok {
		return true, time.Time{}, false
	}
	if state == 'Z' || state == 'X' {
		return false, time.Time{}, false // ended, not yet reaped
	}
	boot, ok := bootTime()
	if !ok {
		return true, time.Time{}, false
	}
	// /proc counts in USER_HZ, which is 100 on every Linux that matters.
	return true, boot.Add(time.Duration(ticks) * (time.Second / 100)), true
}

// parseProcStat reads the state (field 3) and the start time in clock
// ticks after boot (field 22) from /proc/<pid>/stat. The command name,
// field 2, is in parentheses and may hold spaces and parentheses itself:
// the fields are counted from the last ')'.
func parseProcStat(stat []byte) (state byte, ticks uint64, ok bool) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, 0, false
	}
	fields := bytes.Fields(stat[end+1:])
	if len(fields) < 20 || len(fields[0]) != 1 {
		return 0, 0, false
	}
	ticks, err := strconv.ParseUint(string(fields[19]), 10, 64)
	if err != nil {
		return 0, 0, false
	}
	return fields[0][0], ticks, true
}

// bootTime is when the system booted, from /proc/stat.
func bootTime() (time.Time, bool) {
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return time.Time{}, false
	}
	for l := range bytes.SplitSeq(stat, []byte("\n")) {
		if rest, found := bytes.CutPrefix(l, []byte("btime ")); found {
			sec, err := strconv.ParseInt(string(bytes.TrimSpace(rest)), 10, 64)
			return time.Unix(sec, 0), err == nil
		}
	}
	return time.Time{}, false
}
