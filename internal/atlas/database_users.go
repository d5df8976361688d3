package atlas

import (
	"context"
	"net/http"
)

// versionDatabaseUsers is the media type of the database user and project access list endpoints.
const versionDatabaseUsers = "2023-01-01"

// Database user authentication databases.
const (
	AuthDatabaseAdmin    = "admin"
	AuthDatabaseExternal = "$external"
)

// DatabaseUser is a database user as Atlas returns it. Atlas never returns the password.
type DatabaseUser struct {
	GroupID         string              `json:"groupId,omitempty"`
	Username        string              `json:"username"`
	DatabaseName    string              `json:"databaseName"`
	AWSIAMType      string              `json:"awsIAMType,omitempty"`
	LDAPAuthType    string              `json:"ldapAuthType,omitempty"`
	OIDCAuthType    string              `json:"oidcAuthType,omitempty"`
	X509Type        string              `json:"x509Type,omitempty"`
	Description     string              `json:"description,omitempty"`
	DeleteAfterDate string              `json:"deleteAfterDate,omitempty"`
	Roles           []DatabaseUserRole  `json:"roles"`
	Scopes          []DatabaseUserScope `json:"scopes"`
	Labels          []Tag               `json:"labels"`
}

// DatabaseUserRole grants one role on one database (optionally one collection).
type DatabaseUserRole struct {
	RoleName       string `json:"roleName"`
	DatabaseName   string `json:"databaseName"`
	CollectionName string `json:"collectionName,omitempty"`
}

// DatabaseUserScope limits a user to one cluster, data lake or stream workspace.
type DatabaseUserScope struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// DatabaseUserWrite is the input of CreateDatabaseUser and UpdateDatabaseUser.
// Roles, Scopes and Labels are always sent whole (empty clears them). Password
// is sent only when set; Atlas keeps the old one otherwise.
type DatabaseUserWrite struct {
	Username     string
	DatabaseName string
	Password     string
	AWSIAMType   string
	LDAPAuthType string
	OIDCAuthType string
	X509Type     string
	Description  string
	Roles        []DatabaseUserRole
	Scopes       []DatabaseUserScope
	Labels       []Tag
}

type databaseUserBody struct {
	GroupID      string              `json:"groupId"`
	Username     string              `json:"username"`
	DatabaseName string              `json:"databaseName"`
	Password     string              `json:"password,omitempty"`
	AWSIAMType   string              `json:"awsIAMType,omitempty"`
	LDAPAuthType string              `json:"ldapAuthType,omitempty"`
	OIDCAuthType string              `json:"oidcAuthType,omitempty"`
	X509Type     string              `json:"x509Type,omitempty"`
	Description  *string             `json:"description,omitempty"`
	Roles        []DatabaseUserRole  `json:"roles"`
	Scopes       []DatabaseUserScope `json:"scopes"`
	Labels       []Tag               `json:"labels"`
}

func newDatabaseUserBody(projectID string, in DatabaseUserWrite, sendEmptyDescription bool) databaseUserBody {
	b := databaseUserBody{
		GroupID: projectID, Username: in.Username, DatabaseName: in.DatabaseName, Password: in.Password,
		AWSIAMType: in.AWSIAMType, LDAPAuthType: in.LDAPAuthType, OIDCAuthType: in.OIDCAuthType, X509Type: in.X509Type,
		Roles: in.Roles, Scopes: in.Scopes, Labels: in.Labels,
	}
	if in.Description != "" || sendEmptyDescription {
		b.Description = &in.Description
	}
	if b.Roles == nil {
		b.Roles = []DatabaseUserRole{}
	}
	if b.Scopes == nil {
		b.Scopes = []DatabaseUserScope{}
	}
	if b.Labels == nil {
		b.Labels = []Tag{}
	}
	return b
}

// CreateDatabaseUser creates a database user. Like every POST it is never
// retried after a server or connection failure; the caller looks the user up.
func (c *Client) CreateDatabaseUser(ctx context.Context, projectID string, in DatabaseUserWrite) (*DatabaseUser, error) {
	var out DatabaseUser
	err := c.atlasCall(ctx, http.MethodPost, pathf("/groups/%s/databaseUsers", projectID), versionDatabaseUsers, nil,
		newDatabaseUserBody(projectID, in, false), &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetDatabaseUser returns one database user.
func (c *Client) GetDatabaseUser(ctx context.Context, projectID, authDatabase, username string) (*DatabaseUser, error) {
	var out DatabaseUser
	err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/databaseUsers/%s/%s", projectID, authDatabase, username),
		versionDatabaseUsers, nil, nil, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListDatabaseUsers returns every database user of a project.
func (c *Client) ListDatabaseUsers(ctx context.Context, projectID string) ([]DatabaseUser, error) {
	return listAll[DatabaseUser](ctx, c.atlasPages(pathf("/groups/%s/databaseUsers", projectID), versionDatabaseUsers), nil)
}

// UpdateDatabaseUser replaces what can change on a user: password (when
// set), description, roles, scopes and labels.
func (c *Client) UpdateDatabaseUser(ctx context.Context, projectID string, in DatabaseUserWrite) (*DatabaseUser, error) {
	var out DatabaseUser
	err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/databaseUsers/%s/%s", projectID, in.DatabaseName, in.Username),
		versionDatabaseUsers, nil, newDatabaseUserBody(projectID, in, true), &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteDatabaseUser deletes a database user.
func (c *Client) DeleteDatabaseUser(ctx context.Context, projectID, authDatabase, username string) error {
	return c.atlasCall(ctx, http.MethodDelete, pathf("/groups/%s/databaseUsers/%s/%s", projectID, authDatabase, username),
		versionDatabaseUsers, nil, nil, nil)
}
