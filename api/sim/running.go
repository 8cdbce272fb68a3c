package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// Running is a Server listening on a loopback (or given) address.
type Running struct {
	*Server
	BaseURL string // http://host:port/v1, ready for a client

	srv      *http.Server
	stop     context.CancelFunc // ends every request's context
	served   chan struct{}      // closed when the serving goroutine has returned
	serveErr error
}

// Start builds a Server with opts and serves it on addr ("" means
// 127.0.0.1 on a free port) from one goroutine, which Close stops.
func Start(opts Options, addr string) (*Running, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("sim: listen on %s: %w", addr, err)
	}
	base, stop := context.WithCancel(context.Background())
	r := &Running{
		Server:  New(opts),
		BaseURL: "http://" + ln.Addr().String() + strings.TrimSuffix(apiPrefix, "/"),
		stop:    stop,
		served:  make(chan struct{}),
	}
	r.srv = &http.Server{
		Handler:           r.Server,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
		// The demo shares the terminal with the UI, where a log line would
		// tear the screen; what net/http logs (a client hanging up) is
		// reported by the client anyway.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() {
		defer close(r.served)
		if err := r.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			r.serveErr = err
		}
	}()
	return r, nil
}

// Close stops listening, ends the requests in flight (their contexts are
// cancelled, so a simulated latency ends at once) and returns when the
// serving goroutine and every connection are done. It is safe to call more
// than once.
func (r *Running) Close() error {
	r.stop()
	// Close, not Shutdown: Shutdown counts a connection that was dialled
	// but never used as busy for seconds, and a simulator has nothing to
	// drain gracefully: its requests' contexts are already cancelled.
	err := r.srv.Close()
	<-r.served
	return errors.Join(err, r.serveErr)
}

// Describe prints how to talk to the server: base URL, key, apps, and a
// curl line to start from.
func (r *Running) Describe(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "simulated super.AI API at %s\n", r.BaseURL)
	fmt.Fprintf(&b, "API key: %s\n", r.APIKey())
	apps := r.Apps()
	b.WriteString("apps:\n")
	for _, a := range apps {
		if a.Org != "" {
			fmt.Fprintf(&b, "  %s  %s (organisation %s: superdash --org %s)\n", a.ID, a.Name, a.Org, a.Org)
			continue
		}
		fmt.Fprintf(&b, "  %s  %s\n", a.ID, a.Name)
	}
	if len(apps) > 0 {
		fmt.Fprintf(&b, "try:\n  curl -s -H 'API-KEY: %s' '%s/apps/%s/jobs?size=5&statusIn=FAILED&statusIn=EXPIRED'\n",
			r.APIKey(), r.BaseURL, apps[0].ID)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
