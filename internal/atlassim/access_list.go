package atlassim

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// The API access list of the credentials: Atlas refuses requests with valid credentials
// from an address the API key or service account does not list, with 403
// IP_ADDRESS_NOT_ON_ACCESS_LIST. An empty list lets every address in, as for an
// organization that does not require one.

// parseAccessList reads addresses and CIDR blocks.
func parseAccessList(entries []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(entries))
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if p, err := netip.ParsePrefix(e); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(e)
		if err != nil {
			return nil, fmt.Errorf("access list entry %q is neither an IP address nor a CIDR block", e)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// SetAPIAccessList replaces the credentials' API access list; an empty list removes it.
func (s *Server) SetAPIAccessList(entries []string) error {
	list, err := parseAccessList(entries)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessList = list
	return nil
}

// refusedAddress is the caller's address when the access list does not include it.
func (s *Server) refusedAddress(r *http.Request) (string, bool) {
	s.mu.Lock()
	list := s.accessList
	s.mu.Unlock()
	if len(list) == 0 {
		return "", false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host, true
	}
	addr = addr.Unmap()
	for _, p := range list {
		if p.Contains(addr) {
			return "", false
		}
	}
	return addr.String(), true
}

func errIPNotOnAccessList(ip string) *apiError {
	return newError(http.StatusForbidden, "IP_ADDRESS_NOT_ON_ACCESS_LIST",
		fmt.Sprintf("IP address %s is not allowed to access this resource.", ip), ip)
}
