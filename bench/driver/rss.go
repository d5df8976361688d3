package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssSampler follows the provider processes while a CLI command runs and
// keeps the largest VmHWM (peak resident set, KiB) it reads.
type rssSampler struct {
	stopCh chan struct{}
	wg     sync.WaitGroup
	peak   int64
}

func startRSSSampler(providerBin string, every time.Duration) *rssSampler {
	want, err := filepath.EvalSymlinks(providerBin)
	if err != nil {
		want = providerBin
	}
	s := &rssSampler{stopCh: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		known := map[int]bool{} // pids already seen running the provider
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			s.sample(want, known)
			select {
			case <-s.stopCh:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) sample(want string, known map[int]bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		// Only positive answers are remembered: a process the CLI has just
		// forked still shows the CLI's executable until it calls exec.
		if !known[pid] {
			exe, err := os.Readlink("/proc/" + e.Name() + "/exe")
			if err != nil || strings.TrimSuffix(exe, " (deleted)") != want {
				continue
			}
			known[pid] = true
		}
		if hwm := readHWM(pid); hwm > s.peak {
			s.peak = hwm
		}
	}
}

func readHWM(pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			v, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return v
		}
	}
	return 0
}

// stop ends sampling and returns the peak in KiB.
func (s *rssSampler) stop() int64 {
	close(s.stopCh)
	s.wg.Wait()
	return s.peak
}
