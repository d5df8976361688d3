package atlas

import (
	"context"
	"fmt"
	"net/http"
)

// Project IP access list entry states, from GET .../accessList/{entry}/status.
const (
	AccessListPending = "PENDING"
	AccessListActive  = "ACTIVE"
	AccessListFailed  = "FAILED"
)

// AccessListEntry is one entry of a project's IP access list. Atlas reports an
// address entry with its /32 (or /128) CIDR block as well.
type AccessListEntry struct {
	GroupID          string `json:"groupId,omitempty"`
	IPAddress        string `json:"ipAddress,omitempty"`
	CIDRBlock        string `json:"cidrBlock,omitempty"`
	AWSSecurityGroup string `json:"awsSecurityGroup,omitempty"`
	Comment          string `json:"comment,omitempty"`
	DeleteAfterDate  string `json:"deleteAfterDate,omitempty"`
}

// AccessListEntryWrite is one entry to add: exactly one of IPAddress,
// CIDRBlock and AWSSecurityGroup.
type AccessListEntryWrite struct {
	IPAddress        string `json:"ipAddress,omitempty"`
	CIDRBlock        string `json:"cidrBlock,omitempty"`
	AWSSecurityGroup string `json:"awsSecurityGroup,omitempty"`
	Comment          string `json:"comment,omitempty"`
}

// Value is what identifies the entry in paths.
func (e AccessListEntryWrite) Value() string {
	switch {
	case e.AWSSecurityGroup != "":
		return e.AWSSecurityGroup
	case e.IPAddress != "":
		return e.IPAddress
	default:
		return e.CIDRBlock
	}
}

// AddAccessListEntries adds entries to the project's access list; an entry
// that exists gets the new comment. Atlas answers with the first page of the
// whole list, which callers do not need, so it is not decoded.
func (c *Client) AddAccessListEntries(ctx context.Context, projectID string, entries []AccessListEntryWrite) error {
	return c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/accessList", projectID), versionDatabaseUsers, nil, entries, nil)
}

// GetAccessListEntry returns one entry by its address, CIDR block or security group.
func (c *Client) GetAccessListEntry(ctx context.Context, projectID, value string) (*AccessListEntry, error) {
	var out AccessListEntry
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/accessList/%s", projectID, value), versionDatabaseUsers, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetAccessListEntryStatus returns PENDING, ACTIVE or FAILED.
func (c *Client) GetAccessListEntryStatus(ctx context.Context, projectID, value string) (string, error) {
	var out struct {
		Status string `json:"STATUS"`
	}
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/accessList/%s/status", projectID, value), versionDatabaseUsers, nil, nil, &out); err != nil {
		return "", err
	}
	return out.Status, nil
}

// ListAccessList returns every entry of a project's access list.
func (c *Client) ListAccessList(ctx context.Context, projectID string) ([]AccessListEntry, error) {
	return listAll[AccessListEntry](ctx, c.atlasPages(pathf("/groups/%s/accessList", projectID), versionDatabaseUsers), nil)
}

// DeleteAccessListEntry removes one entry.
func (c *Client) DeleteAccessListEntry(ctx context.Context, projectID, value string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/accessList/%s", projectID, value), versionDatabaseUsers, nil, nil, nil)
}

// WaitForAccessListEntry waits until Atlas applies an entry to every cloud
// provider (ACTIVE). FAILED ends the wait with an *UnexpectedStateError.
func (c *Client) WaitForAccessListEntry(ctx context.Context, projectID, value string) error {
	_, err := Wait(ctx, WaitSpec{
		What:    fmt.Sprintf("access list entry %s in project %s to become ACTIVE", value, projectID),
		Pending: []string{AccessListPending},
		Target:  []string{AccessListActive},
		Refresh: func(ctx context.Context) (string, error) {
			return c.GetAccessListEntryStatus(ctx, projectID, value)
		},
	})
	return err
}
