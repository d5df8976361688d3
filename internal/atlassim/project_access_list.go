package atlassim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The project IP access list: /api/atlas/v2/groups/{groupId}/accessList,
// media type 2023-01-01. It decides which addresses may reach the project's
// clusters; it is not the credentials' API access list (access_list.go).
//
// Atlas keeps the list as one document per project. Every handler runs under
// Server.mu, so concurrent POSTs and DELETEs each see the previous one's result
// and none is lost.
//
// Choices where the contract is silent (each one is documented where it is
// made below):
//   - an ipAddress entry is also reported with its cidrBlock (/32 or /128), and
//     can be addressed by either;
//   - a POST of an entry that exists replaces its comment and expiry (no error);
//   - entries are PENDING for Options.Transition after they are written, then
//     ACTIVE; the admin API can make an entry FAILED;
//   - a CIDR block with host bits set is refused, like an address that does
//     not parse (INVALID_IP_ADDRESS_OR_CIDR_NOTATION);
//   - at most 200 entries per project (Atlas's documented limit).

type accessEntry struct {
	ipAddress, cidrBlock, awsSecurityGroup string
	comment                                string
	deleteAfterDate                        time.Time // zero = permanent
	written                                time.Time // when the entry was last written; PENDING until written+transition
	failed                                 bool
}

const (
	maxAccessListEntries   = 200
	maxAccessListComment   = 80
	accessStatusPending    = "PENDING"
	accessStatusActive     = "ACTIVE"
	accessStatusFailed     = "FAILED"
	accessListWeekDuration = 7 * 24 * time.Hour
)

// awsSecurityGroupPattern is an AWS security group id, optionally prefixed by
// the AWS account id as the spec's pattern allows.
var awsSecurityGroupPattern = regexp.MustCompile(`^([0-9]{12}/)?sg-([0-9a-f]{8}|[0-9a-f]{17})$`)

// key is the value that identifies the entry in paths.
func (e *accessEntry) key() string {
	switch {
	case e.awsSecurityGroup != "":
		return e.awsSecurityGroup
	case e.ipAddress != "":
		return e.ipAddress
	default:
		return e.cidrBlock
	}
}

func (e *accessEntry) status(now time.Time, transition time.Duration) string {
	switch {
	case e.failed:
		return accessStatusFailed
	case now.Before(e.written.Add(transition)):
		return accessStatusPending
	default:
		return accessStatusActive
	}
}

// ---- JSON shapes ----

type accessEntryJSON struct {
	AWSSecurityGroup string `json:"awsSecurityGroup,omitempty"`
	CIDRBlock        string `json:"cidrBlock,omitempty"`
	Comment          string `json:"comment,omitempty"`
	DeleteAfterDate  string `json:"deleteAfterDate,omitempty"`
	GroupID          string `json:"groupId"`
	IPAddress        string `json:"ipAddress,omitempty"`
	Links            []link `json:"links"`
}

func accessEntryView(c *call, groupID string, e *accessEntry) accessEntryJSON {
	v := accessEntryJSON{
		AWSSecurityGroup: e.awsSecurityGroup, CIDRBlock: e.cidrBlock, Comment: e.comment, GroupID: groupID,
		IPAddress: e.ipAddress,
		Links: []link{{Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/accessList/%s", c.baseURL, groupID,
			strings.ReplaceAll(e.key(), "/", "%2F")), Rel: "self"}},
	}
	if !e.deleteAfterDate.IsZero() {
		v.DeleteAfterDate = atlasTime(e.deleteAfterDate)
	}
	return v
}

// ---- Errors ----

func errAccessEntryNotFound(entry, groupID string) *apiError {
	return newError(http.StatusNotFound, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND",
		fmt.Sprintf("IP Address %s not on Atlas access list for group %s.", entry, groupID), entry, groupID)
}

func errInvalidAddress(value string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION",
		fmt.Sprintf("The address %s must be in valid IP address or CIDR notation.", value), value)
}

// ---- Parsing ----

// canonicalAddress parses an IP address; the canonical text is what Atlas stores.
func canonicalAddress(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// canonicalCIDR parses a CIDR block whose host bits are zero.
func canonicalCIDR(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Addr().Zone() != "" || p.Masked() != p {
		return netip.Prefix{}, false
	}
	return p, true
}

// decodeAccessEntries reads the POST body: an array of NetworkPermissionEntry.
func decodeAccessEntries(body []byte, now time.Time) ([]*accessEntry, *apiError) {
	var items []json.RawMessage
	if err := json.Unmarshal(body, &items); err != nil || items == nil {
		return nil, errMalformedJSON()
	}
	out := make([]*accessEntry, 0, len(items))
	for _, raw := range items {
		fields, apiErr := decodeObject(raw, bodyFields{
			allowed:  []string{"awsSecurityGroup", "cidrBlock", "comment", "deleteAfterDate", "ipAddress"},
			readOnly: []string{"groupId", "links"},
		})
		if apiErr != nil {
			return nil, apiErr
		}
		var ip, cidr, sg, comment, deleteAfter string
		for _, f := range []struct {
			name   string
			target *string
		}{{"ipAddress", &ip}, {"cidrBlock", &cidr}, {"awsSecurityGroup", &sg}, {"comment", &comment}, {"deleteAfterDate", &deleteAfter}} {
			if _, apiErr := decodeField(fields, f.name, f.target); apiErr != nil {
				return nil, apiErr
			}
		}
		e := &accessEntry{comment: comment}
		set := 0
		for _, v := range []string{ip, cidr, sg} {
			if v != "" {
				set++
			}
		}
		switch {
		case set == 0:
			return nil, errValidation("Each access list entry needs exactly one of ipAddress, cidrBlock or awsSecurityGroup; none was given.")
		case set > 1:
			return nil, errValidation("Each access list entry needs exactly one of ipAddress, cidrBlock or awsSecurityGroup; several were given.")
		case ip != "":
			a, valid := canonicalAddress(ip)
			if !valid {
				return nil, errInvalidAddress(ip)
			}
			e.ipAddress = a.String()
			e.cidrBlock = netip.PrefixFrom(a, a.BitLen()).String()
		case cidr != "":
			p, valid := canonicalCIDR(cidr)
			if !valid {
				return nil, errInvalidAddress(cidr)
			}
			e.cidrBlock = p.String()
		default:
			if !awsSecurityGroupPattern.MatchString(sg) {
				return nil, errValidation(fmt.Sprintf("%s is not an AWS security group id such as sg-903004f8.", sg))
			}
			e.awsSecurityGroup = sg
		}
		if utf8.RuneCountInString(comment) > maxAccessListComment {
			return nil, errValidation(fmt.Sprintf("The comment is limited to %d characters.", maxAccessListComment))
		}
		if deleteAfter != "" {
			if e.awsSecurityGroup != "" {
				return nil, errValidation("An AWS security group cannot be a temporary access list entry (deleteAfterDate).")
			}
			when, apiErr := parseFutureDate("deleteAfterDate", deleteAfter, now)
			if apiErr != nil {
				return nil, apiErr
			}
			e.deleteAfterDate, _ = time.Parse(time.RFC3339, when)
		}
		out = append(out, e)
	}
	return out, nil
}

// ---- World ----

// findAccessEntry finds an entry by the value used in its path: an address,
// a CIDR block (an address entry also answers to its /32 or /128 block) or a
// security group id.
func (p *project) findAccessEntry(value string) *accessEntry {
	if a, valid := canonicalAddress(value); valid {
		value = a.String()
	} else if pf, err := netip.ParsePrefix(value); err == nil {
		value = pf.String()
	}
	for _, e := range p.accessList {
		if e.key() == value || e.cidrBlock == value {
			return e
		}
	}
	return nil
}

// expireAccessList drops temporary entries whose deleteAfterDate has passed.
func (p *project) expireAccessList(now time.Time) {
	p.accessList = slices.DeleteFunc(p.accessList, func(e *accessEntry) bool {
		return !e.deleteAfterDate.IsZero() && !now.Before(e.deleteAfterDate)
	})
}

func (s *Server) accessListProject(c *call) (*project, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.expireAccessList(c.now)
	return p, nil
}

func (s *Server) lookupAccessEntry(c *call) (*project, *accessEntry, *apiError) {
	p, apiErr := s.accessListProject(c)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	value := c.params["entryValue"]
	e := p.findAccessEntry(value)
	if e == nil {
		if _, isAddr := canonicalAddress(value); !isAddr {
			if _, err := netip.ParsePrefix(value); err != nil && !awsSecurityGroupPattern.MatchString(value) {
				return nil, nil, errInvalidAddress(value)
			}
		}
		return nil, nil, errAccessEntryNotFound(value, p.id)
	}
	return p, e, nil
}

func (s *Server) accessListPage(c *call, p *project) (*response, *apiError) {
	views := make([]accessEntryJSON, 0, len(p.accessList))
	for _, e := range p.accessList {
		views = append(views, accessEntryView(c, p.id, e))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// ---- Handlers ----

// GET /groups/{groupId}/accessList
func (s *Server) listAccessList(c *call) (*response, *apiError) {
	p, apiErr := s.accessListProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return s.accessListPage(c, p)
}

// POST /groups/{groupId}/accessList: adds the entries (an existing one gets
// the new comment and expiry) and answers 200 with the whole list, as the
// spec documents. All entries are checked before any is written.
func (s *Server) addAccessList(c *call) (*response, *apiError) {
	p, apiErr := s.accessListProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	entries, apiErr := decodeAccessEntries(c.body, c.now)
	if apiErr != nil {
		return nil, apiErr
	}
	added := 0
	for _, e := range entries {
		if p.findAccessEntry(e.key()) == nil {
			added++
		}
	}
	if len(p.accessList)+added > maxAccessListEntries {
		return nil, newError(http.StatusBadRequest, "ATLAS_NETWORK_PERMISSION_ENTRY_LIMIT_EXCEEDED",
			fmt.Sprintf("A project's IP access list can have at most %d entries.", maxAccessListEntries), maxAccessListEntries)
	}
	for _, e := range entries {
		e.written = c.now
		if old := p.findAccessEntry(e.key()); old != nil {
			failed := old.failed
			*old = *e
			old.failed = failed || p.accessFailures[e.key()]
			continue
		}
		e.failed = p.accessFailures[e.key()]
		p.accessList = append(p.accessList, e)
	}
	return s.accessListPage(c, p)
}

// GET /groups/{groupId}/accessList/{entryValue}
func (s *Server) getAccessEntry(c *call) (*response, *apiError) {
	p, e, apiErr := s.lookupAccessEntry(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(accessEntryView(c, p.id, e)), nil
}

// GET /groups/{groupId}/accessList/{entryValue}/status
func (s *Server) getAccessEntryStatus(c *call) (*response, *apiError) {
	_, e, apiErr := s.lookupAccessEntry(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(map[string]string{"STATUS": e.status(c.now, s.opts.Transition)}), nil
}

// DELETE /groups/{groupId}/accessList/{entryValue}: 204.
func (s *Server) deleteAccessEntry(c *call) (*response, *apiError) {
	p, e, apiErr := s.lookupAccessEntry(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.accessList = slices.DeleteFunc(p.accessList, func(x *accessEntry) bool { return x == e })
	return noContent(), nil
}

// ---- Out-of-band helpers for tests ----

// AccessListEntrySnapshot is a copy of a project access list entry.
type AccessListEntrySnapshot struct {
	IPAddress, CIDRBlock, AWSSecurityGroup, Comment string
	DeleteAfterDate                                 time.Time
	Status                                          string
}

// ProjectAccessList returns copies of a project's access list entries in the
// order they were added (nil for an unknown project).
func (s *Server) ProjectAccessList(projectID string) []AccessListEntrySnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return nil
	}
	now := time.Now()
	p.expireAccessList(now)
	out := make([]AccessListEntrySnapshot, 0, len(p.accessList))
	for _, e := range p.accessList {
		out = append(out, AccessListEntrySnapshot{
			IPAddress: e.ipAddress, CIDRBlock: e.cidrBlock, AWSSecurityGroup: e.awsSecurityGroup, Comment: e.comment,
			DeleteAfterDate: e.deleteAfterDate, Status: e.status(now, s.opts.Transition),
		})
	}
	return out
}

// FailAccessListEntry makes an entry FAILED: at once if it exists, and
// whenever it is written from now on (so a test can make a create fail).
// It reports whether the project exists.
func (s *Server) FailAccessListEntry(projectID, entry string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	if p.accessFailures == nil {
		p.accessFailures = map[string]bool{}
	}
	key := entry
	if e := p.findAccessEntry(entry); e != nil {
		e.failed = true
		key = e.key()
	} else if a, valid := canonicalAddress(entry); valid {
		key = a.String()
	} else if pf, valid := canonicalCIDR(entry); valid {
		key = pf.String()
	}
	p.accessFailures[key] = true
	return true
}

// UpdateAccessListEntryOutOfBand changes an entry's comment behind the API's
// back (drift). It reports whether the entry existed.
func (s *Server) UpdateAccessListEntryOutOfBand(projectID, entry, comment string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	e := p.findAccessEntry(entry)
	if e == nil {
		return false
	}
	e.comment = comment
	return true
}

// DeleteAccessListEntryOutOfBand removes an entry as if someone deleted it in
// the Atlas UI. It reports whether the entry existed.
func (s *Server) DeleteAccessListEntryOutOfBand(projectID, entry string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	e := p.findAccessEntry(entry)
	if e == nil {
		return false
	}
	p.accessList = slices.DeleteFunc(p.accessList, func(x *accessEntry) bool { return x == e })
	return true
}

// adminProjectAccessList serves
//
//	GET   /__sim/groups/{groupId}/accessList                 -> 200 [{"ipAddress","cidrBlock","awsSecurityGroup","comment","status"}]
//	PATCH /__sim/groups/{groupId}/accessList/{entry}  {"status":"FAILED"} -> 204 (FAILED now and whenever it is written again)
//	DELETE /__sim/groups/{groupId}/accessList/{entry}        -> 204 (out-of-band delete)
//
// parts is the admin path split on "/"; a CIDR entry's "/" is sent as %2F.
func (s *Server) adminProjectAccessList(w http.ResponseWriter, r *http.Request, parts []string) {
	projectID := parts[1]
	if len(parts) == 3 {
		if r.Method != http.MethodGet {
			writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		if _, found := s.Project(projectID); !found {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		type entryJSON struct {
			IPAddress        string `json:"ipAddress,omitempty"`
			CIDRBlock        string `json:"cidrBlock,omitempty"`
			AWSSecurityGroup string `json:"awsSecurityGroup,omitempty"`
			Comment          string `json:"comment"`
			Status           string `json:"status"`
		}
		out := []entryJSON{}
		for _, e := range s.ProjectAccessList(projectID) {
			out = append(out, entryJSON{e.IPAddress, e.CIDRBlock, e.AWSSecurityGroup, e.Comment, e.Status})
		}
		writeAdminJSON(w, http.StatusOK, out)
		return
	}
	entry := strings.Join(parts[3:], "/")
	switch r.Method {
	case http.MethodPatch:
		var in struct {
			Status string `json:"status"`
		}
		if !decodeAdmin(w, r, &in) {
			return
		}
		if in.Status != accessStatusFailed {
			writeAdminError(w, http.StatusBadRequest, "status must be FAILED")
			return
		}
		if !s.FailAccessListEntry(projectID, entry) {
			writeAdminError(w, http.StatusNotFound, "no such project")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case http.MethodDelete:
		if !s.DeleteAccessListEntryOutOfBand(projectID, entry) {
			writeAdminError(w, http.StatusNotFound, "no such access list entry")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		writeAdminError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}
