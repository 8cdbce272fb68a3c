package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"superdash/api/sim"
)

// TestAPIKeyNeverLeaks runs whole sessions with marker keys against the
// simulator, in a real terminal, and searches everything the user or a
// file could see for them: every screen, the debug log, the action
// journal, an export, and the output of `superdash export`. The second
// session uses a key the server refuses, so the 401 banner is searched too.
func TestAPIKeyNeverLeaks(t *testing.T) {
	bin := endToEnd(t)
	const goodKey, badKey = "sk-live-7f3a9c5e", "sk-revoked-91bd02"
	dir := t.TempDir() // home, config, state, exports: all of the session's files
	port := freePort(t)
	logFile := filepath.Join(dir, "superdash.log")

	sim := exec.Command(bin, "sim", "--addr", "127.0.0.1:"+port, "--api-key", goodKey, "--jobs", "600", "--speed", "20")
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Process.Kill(); _ = sim.Wait() })
	base := "http://127.0.0.1:" + port + "/v1"

	// The dashboard runs in dir, so an export lands there, with its journal
	// under dir/state.
	script := `cd "$1" && XDG_STATE_HOME="$1/state" SUPERAI_API_KEY="$2" "$0" --base-url "$3" --log-file "$4" "$5"; echo "exit=$?"; read _`
	var screens []string
	capture := func(term *tmuxTerm, what string, ok func(string) bool) {
		screens = append(screens, term.waitFor(t, what, 20*time.Second, ok))
	}

	term := startTmux(t, dir, 120, 40, script, bin, dir, goodKey, base, logFile, "--interval=5s")
	capture(term, "the app picker", func(s string) bool { return strings.Contains(s, "Choose an app") })
	term.keys(t, "Enter")
	capture(term, "the jobs", func(s string) bool { return strings.Contains(s, "● live") && len(jobRows(s)) > 0 })
	term.keys(t, "M") // the moving jobs: cancellable
	capture(term, "the moving jobs", func(s string) bool { return strings.Contains(s, "status:moving") })
	term.keys(t, "c")
	capture(term, "the cancel dialog", func(s string) bool { return strings.Contains(s, "Cancel job") })
	term.keys(t, "y")
	capture(term, "the cancel's outcome", func(s string) bool { return strings.Contains(s, "canceled: now CANCELED") })
	term.keys(t, "e")
	term.keys(t, "j")
	capture(term, "the export", func(s string) bool { return strings.Contains(s, "exported ") })
	term.keys(t, "L")
	capture(term, "the journal", func(s string) bool { return strings.Contains(s, "cancel") })
	// Esc and q apart: sent together, a terminal reads them as alt+q.
	term.keys(t, "Escape")
	capture(term, "the table again", func(s string) bool { return !strings.Contains(s, "Action journal") })
	term.keys(t, "q")
	capture(term, "the exit", func(s string) bool { return strings.Contains(s, "exit=0") })

	app := appID.FindString(screens[0]) // the first app of the picker, which Enter chose
	refused := startTmux(t, t.TempDir(), 120, 40, script, bin, dir, badKey, base, logFile, "--app="+app)
	capture(refused, "the 401 banner", func(s string) bool { return strings.Contains(s, "⚠") && strings.Contains(s, "API key") })
	refused.keys(t, "q")

	var exportOut, exportErr bytes.Buffer
	export := exec.Command(bin, "export", "--base-url", base, "--app", app)
	export.Env = append(os.Environ(), "SUPERAI_API_KEY="+goodKey, "XDG_CONFIG_HOME="+dir)
	export.Stdout, export.Stderr = &exportOut, &exportErr
	if err := export.Run(); err != nil {
		t.Fatalf("superdash export: %v\n%s", err, exportErr.String())
	}

	places := map[string]string{
		"screens":       strings.Join(screens, "\n"),
		"export stdout": exportOut.String(),
		"export stderr": exportErr.String(),
	}
	for _, pattern := range []string{logFile, filepath.Join(dir, "state", "superdash", "*.jsonl"), filepath.Join(dir, "superdash-*.jsonl")} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Errorf("no file matches %s: the session did not write what this test must search", pattern)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			places[f] = string(data)
		}
	}
	for where, text := range places {
		for _, key := range []string{goodKey, badKey} {
			if strings.Contains(text, key) {
				t.Errorf("the API key %s appears in %s", key, where)
			}
		}
	}
	if !strings.Contains(places["screens"], "API key") {
		t.Errorf("the 401 banner does not speak of the key:\n%s", screens[len(screens)-1])
	}
}

// appID matches the simulator's app ids as the picker lists them.
var appID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// freePort is a loopback port nothing listens on right now.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// TestCLISandboxKeyGoesToSandboxHost: with the key super.AI's CLI saved for
// its sandbox environment and no base URL named, the binary must talk to the
// sandbox host. The real hostname is kept: the binary reaches it through an
// HTTPS proxy (a raw socket that records each CONNECT) which tunnels only
// api-sandbox.super.ai:443, to a TLS server standing in for the sandbox with
// a certificate the binary is made to trust ($SSL_CERT_FILE).
func TestCLISandboxKeyGoesToSandboxHost(t *testing.T) {
	bin := endToEnd(t)
	const sandboxHost, sandboxKey = "api-sandbox.super.ai", "sk-sandbox-5e1d"
	dir := t.TempDir() // the home folder
	writeFile(t, filepath.Join(dir, ".superai", ".secrets.yaml"),
		"prod:\n  user:\n    api_key: sk-prod-0a9b\nsandbox:\n  user:\n    api_key: "+sandboxKey+"\n")
	writeFile(t, filepath.Join(dir, ".superai", ".env"), "ENV_FOR_SUPERAI=sandbox\n")

	cert, certPEM := selfSignedCert(t, sandboxHost)
	caFile := filepath.Join(dir, "sandbox-ca.pem")
	writeFile(t, caFile, string(certPEM))
	var mu sync.Mutex
	var keys, hosts []string
	simulated := sim.New(sim.Options{APIKey: sandboxKey, Jobs: 100})
	sandbox := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys, hosts = append(keys, r.Header.Get("API-KEY")), append(hosts, r.Host)
		mu.Unlock()
		simulated.ServeHTTP(w, r)
	}))
	sandbox.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	sandbox.StartTLS()
	t.Cleanup(sandbox.Close)
	proxy := startConnectProxy(t, map[string]string{sandboxHost + ":443": sandbox.Listener.Addr().String()})

	script := `HTTPS_PROXY="$1" SSL_CERT_FILE="$2" "$0"; echo "exit=$?"; read _`
	term := startTmux(t, dir, 120, 30, script, bin, proxy.url, caFile)
	screen := term.waitFor(t, "the sandbox's apps", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "Choose an app") && strings.Contains(s, "Invoice extraction") || strings.Contains(s, "exit=")
	})
	if !strings.Contains(screen, "superdash · "+sandboxHost) {
		t.Errorf("the header does not show the sandbox host:\n%s", screen)
	}
	term.keys(t, "q")
	term.waitFor(t, "the exit", 10*time.Second, func(s string) bool { return strings.Contains(s, "exit=0") })

	got := proxy.targets()
	if len(got) == 0 {
		t.Error("the binary never asked the proxy for a host")
	}
	for _, target := range got {
		if target != sandboxHost+":443" {
			t.Errorf("the binary asked the proxy for %s, want only %s:443", target, sandboxHost)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(keys) == 0 {
		t.Fatal("the stand-in sandbox received no request")
	}
	for i := range keys {
		if keys[i] != sandboxKey || hosts[i] != sandboxHost {
			t.Errorf("request %d: key %q for host %q, want the sandbox key for %s", i, keys[i], hosts[i], sandboxHost)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// selfSignedCert makes a certificate for host that is its own authority,
// and returns it with its PEM for a trust store.
func selfSignedCert(t *testing.T, host string) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: host},
		DNSNames:              []string{host},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// connectProxy is an HTTPS proxy on a raw socket: it records the target of
// every CONNECT and tunnels those in its routes, refusing the rest.
type connectProxy struct {
	url  string
	mu   sync.Mutex
	seen []string
}

func (p *connectProxy) targets() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func startConnectProxy(t *testing.T, routes map[string]string) *connectProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &connectProxy{url: "http://" + ln.Addr().String()}
	var wg sync.WaitGroup
	var conns sync.Map // every open connection, closed at the end
	t.Cleanup(func() {
		ln.Close()
		conns.Range(func(c, _ any) bool { c.(net.Conn).Close(); return true })
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Store(c, nil)
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				p.tunnel(c, routes, &conns, &wg)
			}()
		}
	}()
	return p
}

// tunnel answers one CONNECT on c.
func (p *connectProxy) tunnel(c net.Conn, routes map[string]string, conns *sync.Map, wg *sync.WaitGroup) {
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return
	}
	for { // the request's headers, up to the blank line
		h, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if strings.TrimSpace(h) == "" {
			break
		}
	}
	fields := strings.Fields(line)
	if len(fields) < 2 || fields[0] != "CONNECT" {
		io.WriteString(c, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
		return
	}
	p.mu.Lock()
	p.seen = append(p.seen, fields[1])
	p.mu.Unlock()
	to, ok := routes[fields[1]]
	if !ok {
		io.WriteString(c, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
		return
	}
	up, err := net.Dial("tcp", to)
	if err != nil {
		io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
		return
	}
	conns.Store(up, nil)
	defer up.Close()
	io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
	wg.Add(1)
	go func() {
		defer wg.Done()
		io.Copy(up, r) // what the client sent, including anything buffered
		up.Close()
	}()
	io.Copy(c, up)
}
