// Command loadfloor measures what any Go client pays to read a first load
// as superdash export does (200 pages of 500 jobs, 4 at a time), before it
// makes anything of the jobs: reading the pages' bytes alone, and reading
// them and checking their JSON syntax (jsontext, the tokenizer superdash's
// decoder is built on), each with its wall time and its CPU. It is the
// floor under `superdash export` in scripts/bench-process's comparison
// with curl (BENCHMARKS.md, "Where the targets of issue 16 stand").
//
//	loadfloor -base-url URL -app APP -key KEY -mode read|validate
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

func main() {
	base := flag.String("base-url", "", "the API, as superdash's --base-url")
	app := flag.String("app", "", "the app whose jobs to read")
	key := flag.String("key", "sim-key", "the API key")
	mode := flag.String("mode", "read", "read (the bytes alone) or validate (and their JSON syntax)")
	pages := flag.Int("pages", 200, "pages of 500 jobs to read")
	flag.Parse()
	if *base == "" || *app == "" || (*mode != "read" && *mode != "validate") {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*base, *app, *key, *mode == "validate", *pages); err != nil {
		fmt.Fprintln(os.Stderr, "loadfloor:", err)
		os.Exit(1)
	}
}

func run(base, app, key string, validate bool, pages int) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start, startCPU := time.Now(), cpuTime()
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		total    int64
		firstErr error
	)
	for range 4 {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range next {
				n, err := readPage(ctx, &buf, fmt.Sprintf("%s/apps/%s/jobs?orderBy=asc&size=500&sortBy=created&page=%d", base, app, p), key, validate)
				mu.Lock()
				total += n
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	for p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	what := "read"
	if validate {
		what = "read and validated"
	}
	fmt.Printf("%s %d bytes in %d pages: %v wall, %v CPU\n", what, total, pages,
		time.Since(start).Round(time.Millisecond), (cpuTime() - startCPU).Round(time.Millisecond))
	return nil
}

// readPage reads the page at url into buf and, with validate, checks that
// it is one JSON value.
func readPage(ctx context.Context, buf *bytes.Buffer, url, key string, validate bool) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("API-KEY", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", url, resp.Status)
	}
	buf.Reset()
	n, err := io.Copy(buf, resp.Body)
	if err != nil || !validate {
		return n, err
	}
	if !jsontext.Value(buf.Bytes()).IsValid() {
		return n, fmt.Errorf("%s: not one JSON value", url)
	}
	return n, nil
}

// cpuTime is the CPU the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
