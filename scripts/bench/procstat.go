package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on
// every Linux architecture Go supports).
const userHZ = 100

// procSample is a process's CPU time so far and its peak resident set.
type procSample struct {
	CPU     time.Duration // utime + stime
	PeakRSS int64         // VmHWM, bytes
	RSS     int64         // VmRSS, bytes
}

// readProc samples /proc/<pid>/stat and /proc/<pid>/status.
func readProc(pid int) (procSample, error) {
	var s procSample
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return s, fmt.Errorf("process %d: %w", pid, err)
	}
	// The command name (field 2) may hold spaces; fields after it are plain.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return s, fmt.Errorf("process %d: malformed stat", pid)
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return s, fmt.Errorf("process %d: short stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return s, fmt.Errorf("process %d: bad utime/stime", pid)
	}
	s.CPU = time.Duration(utime+stime) * time.Second / userHZ
	status, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, fmt.Errorf("process %d: %w", pid, err)
	}
	defer status.Close()
	sc := bufio.NewScanner(status)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch k {
		case "VmHWM":
			s.PeakRSS = parseKB(v)
		case "VmRSS":
			s.RSS = parseKB(v)
		}
	}
	return s, sc.Err()
}

func parseKB(v string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
	return n << 10
}

// pidFromFile reads a pid file (mariadbd's), returning 0 when unreadable.
func pidFromFile(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

// cpuMeter measures the CPU a set of processes use between start and stop.
type cpuMeter struct {
	pids  map[string]int
	start map[string]time.Duration
}

func newCPUMeter(pids map[string]int) *cpuMeter {
	m := &cpuMeter{pids: pids, start: map[string]time.Duration{}}
	for name, pid := range pids {
		if s, err := readProc(pid); err == nil {
			m.start[name] = s.CPU
		}
	}
	return m
}

// since returns the CPU seconds each process used since newCPUMeter.
func (m *cpuMeter) since() map[string]float64 {
	out := map[string]float64{}
	for name, pid := range m.pids {
		s, err := readProc(pid)
		if err != nil {
			continue
		}
		out[name] = (s.CPU - m.start[name]).Seconds()
	}
	return out
}
