package atlassim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Database users: /api/atlas/v2/groups/{groupId}/databaseUsers[/{databaseName}/{username}],
// media type 2023-01-01, rate-limited with the project endpoints (GROUP scope).
//
// Choices where the contract is silent (each one is documented where it is
// made below):
//   - a user is identified by (databaseName, username); a second create is
//     409 USER_ALREADY_EXISTS and an unknown one 404 USERNAME_NOT_FOUND;
//   - at most one authentication kind per user; SCRAM users live in admin and
//     need a password of 8 or more characters, x.509, LDAP, AWS IAM and OIDC
//     workload users live in $external and take no password, OIDC workforce
//     groups live in admin;
//   - role names are the built-in roles of the spec's list (custom roles are
//     not simulated, so another name is refused); the *AnyDatabase roles,
//     atlasAdmin, backup, clusterMonitor and enableSharding apply to admin only;
//   - rule violations whose real errorCode is unknown are VALIDATION_ERROR
//     with a detail that names the offending value.

type dbUser struct {
	databaseName, username string
	password               string // kept only to tell whether it changed; never rendered
	awsIAMType             string
	ldapAuthType           string
	oidcAuthType           string
	x509Type               string
	description            string
	deleteAfterDate        string
	roles                  []DatabaseUserRole
	scopes                 []DatabaseUserScope
	labels                 []Tag
	passwordChanges        int
}

// DatabaseUserRole is one role of a database user.
type DatabaseUserRole struct {
	CollectionName string `json:"collectionName,omitempty"`
	DatabaseName   string `json:"databaseName"`
	RoleName       string `json:"roleName"`
}

// DatabaseUserScope limits a database user to one cluster, data lake or stream workspace.
type DatabaseUserScope struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

const (
	maxDatabaseUsersPerProject = 100 // stated in the spec's description of the create endpoint
	maxUsernameLength          = 1024
	minPasswordLength          = 8
	maxUserDescriptionLength   = 100
)

var (
	builtinRoles = []string{"atlasAdmin", "backup", "clusterMonitor", "dbAdmin", "dbAdminAnyDatabase",
		"enableSharding", "read", "readAnyDatabase", "readWrite", "readWriteAnyDatabase"}
	// adminOnlyRoles are cluster-wide roles that MongoDB grants on the admin database only.
	adminOnlyRoles   = []string{"atlasAdmin", "backup", "clusterMonitor", "dbAdminAnyDatabase", "enableSharding", "readAnyDatabase", "readWriteAnyDatabase"}
	collectionRoles  = []string{"read", "readWrite"}
	scopeTypes       = []string{"CLUSTER", "DATA_LAKE", "STREAM"}
	awsIAMTypes      = []string{"NONE", "USER", "ROLE"}
	ldapAuthTypes    = []string{"NONE", "GROUP", "USER"}
	oidcAuthTypes    = []string{"NONE", "IDP_GROUP", "USER"}
	x509Types        = []string{"NONE", "CUSTOMER", "MANAGED"}
	authDatabases    = []string{"admin", "$external"}
	awsARN           = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/.+$`)
	scopeName        = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)
	databaseNameChar = regexp.MustCompile(`^[^/\\. "$*<>:|?]+$`)
)

// ---- JSON shape (alphabetical keys) ----

type dbUserJSON struct {
	AWSIAMType      string              `json:"awsIAMType"`
	DatabaseName    string              `json:"databaseName"`
	DeleteAfterDate string              `json:"deleteAfterDate,omitempty"`
	Description     string              `json:"description,omitempty"`
	GroupID         string              `json:"groupId"`
	Labels          []Tag               `json:"labels"`
	LDAPAuthType    string              `json:"ldapAuthType"`
	Links           []link              `json:"links"`
	OIDCAuthType    string              `json:"oidcAuthType"`
	Roles           []DatabaseUserRole  `json:"roles"`
	Scopes          []DatabaseUserScope `json:"scopes"`
	Username        string              `json:"username"`
	X509Type        string              `json:"x509Type"`
}

func dbUserView(c *call, groupID string, u *dbUser) dbUserJSON {
	self := fmt.Sprintf("%s/api/atlas/v2/groups/%s/databaseUsers/%s/%s", c.baseURL, groupID,
		escapeSegment(u.databaseName), escapeSegment(u.username))
	v := dbUserJSON{
		AWSIAMType: u.awsIAMType, DatabaseName: u.databaseName, DeleteAfterDate: u.deleteAfterDate,
		Description: u.description, GroupID: groupID, Labels: slices.Clone(u.labels),
		LDAPAuthType: u.ldapAuthType, Links: []link{{Href: self, Rel: "self"}}, OIDCAuthType: u.oidcAuthType,
		Roles: slices.Clone(u.roles), Scopes: slices.Clone(u.scopes), Username: u.username, X509Type: u.x509Type,
	}
	if v.Labels == nil {
		v.Labels = []Tag{}
	}
	if v.Scopes == nil {
		v.Scopes = []DatabaseUserScope{}
	}
	if v.Roles == nil {
		v.Roles = []DatabaseUserRole{}
	}
	return v
}

// escapeSegment escapes one path segment the way links show it ("/" as %2F).
func escapeSegment(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "%", "%25"), "/", "%2F")
}

// ---- Errors ----

func errDatabaseUserNotFound(username string) *apiError {
	return newError(http.StatusNotFound, "USERNAME_NOT_FOUND",
		fmt.Sprintf("No user with username %s exists.", username), username)
}

func errDatabaseUserExists() *apiError {
	return newError(http.StatusConflict, "USER_ALREADY_EXISTS", "The specified database user already exists.")
}

func errInvalidEnumValue(field, value string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_ENUM_VALUE",
		fmt.Sprintf("An invalid enumeration value %s was specified for %s.", value, field), value, field)
}

// ---- Decoding and validation ----

// dbUserInput is what a create or update body carries; nil = absent.
type dbUserInput struct {
	databaseName, username, groupID                  *string
	password, description, deleteAfterDate           *string
	awsIAMType, ldapAuthType, oidcAuthType, x509Type *string
	roles                                            *[]DatabaseUserRole
	scopes                                           *[]DatabaseUserScope
	labels                                           *[]Tag
}

var dbUserFields = bodyFields{
	allowed: []string{"awsIAMType", "databaseName", "deleteAfterDate", "description", "groupId", "labels",
		"ldapAuthType", "oidcAuthType", "password", "roles", "scopes", "username", "x509Type"},
	readOnly: []string{"links"},
}

func decodeDBUser(body []byte, required []string) (*dbUserInput, *apiError) {
	spec := dbUserFields
	spec.required = required
	fields, apiErr := decodeObject(body, spec)
	if apiErr != nil {
		return nil, apiErr
	}
	in := &dbUserInput{}
	strs := []struct {
		name   string
		target **string
	}{
		{"databaseName", &in.databaseName}, {"username", &in.username}, {"groupId", &in.groupID},
		{"password", &in.password}, {"description", &in.description}, {"deleteAfterDate", &in.deleteAfterDate},
		{"awsIAMType", &in.awsIAMType}, {"ldapAuthType", &in.ldapAuthType}, {"oidcAuthType", &in.oidcAuthType},
		{"x509Type", &in.x509Type},
	}
	for _, f := range strs {
		var v string
		present, apiErr := decodeField(fields, f.name, &v)
		if apiErr != nil {
			return nil, apiErr
		}
		if present {
			*f.target = &v
		}
	}
	if raw, present := fields["roles"]; present && string(raw) != "null" {
		roles, apiErr := decodeRoles(raw)
		if apiErr != nil {
			return nil, apiErr
		}
		in.roles = &roles
	}
	if raw, present := fields["scopes"]; present && string(raw) != "null" {
		scopes, apiErr := decodeScopes(raw)
		if apiErr != nil {
			return nil, apiErr
		}
		in.scopes = &scopes
	}
	if raw, present := fields["labels"]; present && string(raw) != "null" {
		labels, apiErr := decodeLabels(raw)
		if apiErr != nil {
			return nil, apiErr
		}
		in.labels = &labels
	}
	return in, nil
}

// decodeStrictArray reads an array of objects whose keys must be among allowed.
func decodeStrictArray(field string, raw json.RawMessage, allowed, required []string) ([]map[string]string, *apiError) {
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errInvalidAttribute(field)
	}
	out := make([]map[string]string, 0, len(items))
	for _, item := range items {
		values := map[string]string{}
		for name, v := range item {
			if !slices.Contains(allowed, name) {
				return nil, errInvalidAttribute(field + "." + name)
			}
			if string(v) == "null" {
				continue
			}
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, errInvalidAttribute(field + "." + name)
			}
			values[name] = s
		}
		for _, name := range required {
			if _, present := values[name]; !present {
				return nil, errMissingAttribute(field + "." + name)
			}
		}
		out = append(out, values)
	}
	return out, nil
}

func decodeRoles(raw json.RawMessage) ([]DatabaseUserRole, *apiError) {
	items, apiErr := decodeStrictArray("roles", raw, []string{"collectionName", "databaseName", "roleName"}, []string{"databaseName", "roleName"})
	if apiErr != nil {
		return nil, apiErr
	}
	roles := make([]DatabaseUserRole, 0, len(items))
	for _, it := range items {
		r := DatabaseUserRole{RoleName: it["roleName"], DatabaseName: it["databaseName"], CollectionName: it["collectionName"]}
		if !slices.Contains(builtinRoles, r.RoleName) {
			return nil, errValidation(fmt.Sprintf("Role %q does not exist in this project. Built-in roles are %s; custom roles must be created first.",
				r.RoleName, strings.Join(builtinRoles, ", ")))
		}
		if r.DatabaseName == "" || !databaseNameChar.MatchString(r.DatabaseName) || len(r.DatabaseName) > 64 {
			return nil, errValidation(fmt.Sprintf("Database name %q of role %s is invalid.", r.DatabaseName, r.RoleName))
		}
		if slices.Contains(adminOnlyRoles, r.RoleName) && r.DatabaseName != "admin" {
			return nil, errValidation(fmt.Sprintf("Role %s can only be granted on the admin database, not on %q.", r.RoleName, r.DatabaseName))
		}
		if r.CollectionName != "" && !slices.Contains(collectionRoles, r.RoleName) {
			return nil, errValidation(fmt.Sprintf("Role %s cannot be limited to collection %q; only read and readWrite can.", r.RoleName, r.CollectionName))
		}
		if slices.Contains(roles, r) {
			return nil, errValidation(fmt.Sprintf("Role %s on database %q is specified more than once.", r.RoleName, r.DatabaseName))
		}
		roles = append(roles, r)
	}
	return roles, nil
}

func decodeScopes(raw json.RawMessage) ([]DatabaseUserScope, *apiError) {
	items, apiErr := decodeStrictArray("scopes", raw, []string{"name", "type"}, []string{"name", "type"})
	if apiErr != nil {
		return nil, apiErr
	}
	scopes := make([]DatabaseUserScope, 0, len(items))
	for _, it := range items {
		sc := DatabaseUserScope{Name: it["name"], Type: it["type"]}
		if !slices.Contains(scopeTypes, sc.Type) {
			return nil, errInvalidEnumValue("scopes.type", sc.Type)
		}
		if !scopeName.MatchString(sc.Name) || len(sc.Name) > maxClusterNameLength {
			return nil, errValidation(fmt.Sprintf("Scope name %q is invalid: it must start with a letter or digit and contain only ASCII letters, digits and hyphens.", sc.Name))
		}
		if slices.Contains(scopes, sc) {
			return nil, errValidation(fmt.Sprintf("Scope %s %s is specified more than once.", sc.Type, sc.Name))
		}
		scopes = append(scopes, sc)
	}
	return scopes, nil
}

func decodeLabels(raw json.RawMessage) ([]Tag, *apiError) {
	items, apiErr := decodeStrictArray("labels", raw, []string{"key", "value"}, nil)
	if apiErr != nil {
		return nil, apiErr
	}
	labels := make([]Tag, 0, len(items))
	for _, it := range items {
		l := Tag{Key: it["key"], Value: it["value"]}
		for _, part := range []struct{ what, text string }{{"key", l.Key}, {"value", l.Value}} {
			if n := utf8.RuneCountInString(part.text); n < 1 || n > 255 {
				return nil, errValidation(fmt.Sprintf("Label %s %q must be 1 to 255 characters long.", part.what, part.text))
			}
		}
		labels = append(labels, l)
	}
	return labels, nil
}

// validateAuth checks that a user has at most one authentication kind, lives in
// the database that kind requires, has a username of the kind's shape, and a
// password exactly when it authenticates with SCRAM.
func validateAuth(u *dbUser, passwordSet bool) *apiError {
	kinds := []struct{ field, value string }{
		{"awsIAMType", u.awsIAMType}, {"ldapAuthType", u.ldapAuthType},
		{"oidcAuthType", u.oidcAuthType}, {"x509Type", u.x509Type},
	}
	var set []string
	for _, k := range kinds {
		if k.value != "NONE" {
			set = append(set, k.field)
		}
	}
	if len(set) > 1 {
		return errValidation(fmt.Sprintf("A database user can use only one authentication method; %s are all set.", strings.Join(set, " and ")))
	}
	wantDB := "admin"
	switch {
	case u.awsIAMType != "NONE", u.x509Type != "NONE", u.ldapAuthType != "NONE", u.oidcAuthType == "USER":
		wantDB = "$external"
	}
	if u.databaseName != wantDB {
		kind := "SCRAM"
		if len(set) == 1 {
			kind = set[0]
		}
		return errValidation(fmt.Sprintf("Users that authenticate with %s must use databaseName %s, not %s.", kind, wantDB, u.databaseName))
	}
	scram := len(set) == 0
	if scram && !passwordSet {
		return errMissingAttribute("password")
	}
	if !scram && passwordSet {
		return errValidation(fmt.Sprintf("A password cannot be set for a user that authenticates with %s.", set[0]))
	}
	if scram && utf8.RuneCountInString(u.password) < minPasswordLength {
		return errValidation(fmt.Sprintf("The password must be at least %d characters long.", minPasswordLength))
	}
	switch {
	case u.username == "" || utf8.RuneCountInString(u.username) > maxUsernameLength || strings.TrimSpace(u.username) != u.username:
		return errValidation(fmt.Sprintf("Username %q is invalid: it must be 1 to %d characters without leading or trailing spaces.", u.username, maxUsernameLength))
	case u.awsIAMType != "NONE" && !awsARN.MatchString(u.username):
		return errValidation(fmt.Sprintf("Username %q is not an AWS IAM ARN (arn:aws:iam::<account>:user/<name> or :role/<name>).", u.username))
	case u.oidcAuthType != "NONE" && !strings.Contains(strings.Trim(u.username, "/"), "/"):
		return errValidation(fmt.Sprintf("Username %q must be the identity provider id, a slash and the IdP user or group name.", u.username))
	case (u.x509Type == "CUSTOMER" || u.ldapAuthType != "NONE") && !strings.Contains(u.username, "="):
		return errValidation(fmt.Sprintf("Username %q must be an RFC 2253 distinguished name such as CN=name,OU=unit.", u.username))
	case scram && strings.ContainsAny(u.username, "/\\"):
		return errValidation(fmt.Sprintf("Username %q cannot contain / or \\.", u.username))
	}
	return nil
}

// applyDBUserInput copies present fields of in onto u, checking enums and lengths.
func applyDBUserInput(u *dbUser, in *dbUserInput, now time.Time) *apiError {
	enums := []struct {
		field  string
		value  *string
		target *string
		valid  []string
	}{
		{"awsIAMType", in.awsIAMType, &u.awsIAMType, awsIAMTypes},
		{"ldapAuthType", in.ldapAuthType, &u.ldapAuthType, ldapAuthTypes},
		{"oidcAuthType", in.oidcAuthType, &u.oidcAuthType, oidcAuthTypes},
		{"x509Type", in.x509Type, &u.x509Type, x509Types},
		{"databaseName", in.databaseName, &u.databaseName, authDatabases},
	}
	for _, e := range enums {
		if e.value == nil {
			continue
		}
		if !slices.Contains(e.valid, *e.value) {
			return errInvalidEnumValue(e.field, *e.value)
		}
		*e.target = *e.value
	}
	if in.username != nil {
		u.username = *in.username
	}
	if in.description != nil {
		if utf8.RuneCountInString(*in.description) > maxUserDescriptionLength {
			return errValidation(fmt.Sprintf("The description is limited to %d characters.", maxUserDescriptionLength))
		}
		u.description = *in.description
	}
	if in.deleteAfterDate != nil {
		when, apiErr := parseFutureDate("deleteAfterDate", *in.deleteAfterDate, now)
		if apiErr != nil {
			return apiErr
		}
		u.deleteAfterDate = when
	}
	if in.roles != nil {
		u.roles = *in.roles
	}
	if in.scopes != nil {
		u.scopes = *in.scopes
	}
	if in.labels != nil {
		u.labels = *in.labels
	}
	if in.password != nil {
		if *in.password != u.password {
			u.passwordChanges++
		}
		u.password = *in.password
	}
	return nil
}

// parseFutureDate checks a temporary resource's expiry: after now and within
// one week, as the spec states for database users and access list entries.
func parseFutureDate(field, value string, now time.Time) (string, *apiError) {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return "", errInvalidAttribute(field)
	}
	if !t.After(now) || t.After(now.Add(7*24*time.Hour)) {
		return "", errValidation(fmt.Sprintf("%s %s must be in the future and no more than one week from now.", field, value))
	}
	return atlasTime(t), nil
}

// ---- World ----

func (p *project) findDBUser(databaseName, username string) *dbUser {
	for _, u := range p.dbUsers {
		if u.databaseName == databaseName && u.username == username {
			return u
		}
	}
	return nil
}

// expireDBUsers drops temporary users whose deleteAfterDate has passed.
func (p *project) expireDBUsers(now time.Time) {
	p.dbUsers = slices.DeleteFunc(p.dbUsers, func(u *dbUser) bool {
		if u.deleteAfterDate == "" {
			return false
		}
		t, err := time.Parse(time.RFC3339, u.deleteAfterDate)
		return err == nil && !now.Before(t)
	})
}

func (s *Server) lookupDBUser(c *call) (*project, *dbUser, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	p.expireDBUsers(c.now)
	databaseName, username := c.params["databaseName"], c.params["username"]
	if !slices.Contains(authDatabases, databaseName) {
		return nil, nil, errInvalidPathParameter("databaseName", databaseName)
	}
	u := p.findDBUser(databaseName, username)
	if u == nil {
		return nil, nil, errDatabaseUserNotFound(username)
	}
	return p, u, nil
}

// ---- Handlers ----

// GET /groups/{groupId}/databaseUsers
func (s *Server) listDatabaseUsers(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.expireDBUsers(c.now)
	views := make([]dbUserJSON, 0, len(p.dbUsers))
	for _, u := range p.dbUsers {
		views = append(views, dbUserView(c, p.id, u))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// POST /groups/{groupId}/databaseUsers: 201 with the user.
func (s *Server) createDatabaseUser(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.expireDBUsers(c.now)
	// groupId is required by the spec, but the path already names the project;
	// a body that names another project is refused.
	in, apiErr := decodeDBUser(c.body, []string{"databaseName", "roles", "username"})
	if apiErr != nil {
		return nil, apiErr
	}
	if in.groupID != nil && *in.groupID != p.id {
		return nil, errValidation(fmt.Sprintf("groupId %s in the body does not match the project %s in the path.", *in.groupID, p.id))
	}
	u := &dbUser{awsIAMType: "NONE", ldapAuthType: "NONE", oidcAuthType: "NONE", x509Type: "NONE"}
	if apiErr := applyDBUserInput(u, in, c.now); apiErr != nil {
		return nil, apiErr
	}
	if len(u.roles) == 0 {
		return nil, errValidation("A database user needs at least one role.")
	}
	if apiErr := validateAuth(u, in.password != nil); apiErr != nil {
		return nil, apiErr
	}
	if p.findDBUser(u.databaseName, u.username) != nil {
		return nil, errDatabaseUserExists()
	}
	if len(p.dbUsers) >= maxDatabaseUsersPerProject {
		return nil, newError(http.StatusBadRequest, "DATABASE_USER_LIMIT_EXCEEDED",
			fmt.Sprintf("A project can have at most %d database users.", maxDatabaseUsersPerProject), maxDatabaseUsersPerProject)
	}
	u.passwordChanges = 0
	p.dbUsers = append(p.dbUsers, u)
	return created(dbUserView(c, p.id, u)), nil
}

// GET /groups/{groupId}/databaseUsers/{databaseName}/{username}
func (s *Server) getDatabaseUser(c *call) (*response, *apiError) {
	p, u, apiErr := s.lookupDBUser(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(dbUserView(c, p.id, u)), nil
}

// PATCH /groups/{groupId}/databaseUsers/{databaseName}/{username}: fields
// present in the body replace the stored ones (roles, scopes and labels as a
// whole). The user name, its database and its authentication kind cannot change.
func (s *Server) updateDatabaseUser(c *call) (*response, *apiError) {
	p, u, apiErr := s.lookupDBUser(c)
	if apiErr != nil {
		return nil, apiErr
	}
	in, apiErr := decodeDBUser(c.body, nil)
	if apiErr != nil {
		return nil, apiErr
	}
	if in.groupID != nil && *in.groupID != p.id {
		return nil, errValidation(fmt.Sprintf("groupId %s in the body does not match the project %s in the path.", *in.groupID, p.id))
	}
	next := *u
	if apiErr := applyDBUserInput(&next, in, c.now); apiErr != nil {
		return nil, apiErr
	}
	for _, fixed := range []struct{ field, was, now string }{
		{"username", u.username, next.username}, {"databaseName", u.databaseName, next.databaseName},
		{"awsIAMType", u.awsIAMType, next.awsIAMType}, {"ldapAuthType", u.ldapAuthType, next.ldapAuthType},
		{"oidcAuthType", u.oidcAuthType, next.oidcAuthType}, {"x509Type", u.x509Type, next.x509Type},
	} {
		if fixed.was != fixed.now {
			return nil, errValidation(fmt.Sprintf("%s of an existing database user cannot be changed (from %s to %s); create another user.", fixed.field, fixed.was, fixed.now))
		}
	}
	if len(next.roles) == 0 {
		return nil, errValidation("A database user needs at least one role.")
	}
	if apiErr := validateAuth(&next, next.password != ""); apiErr != nil {
		return nil, apiErr
	}
	*u = next
	return ok(dbUserView(c, p.id, u)), nil
}

// DELETE /groups/{groupId}/databaseUsers/{databaseName}/{username}: 204.
func (s *Server) deleteDatabaseUser(c *call) (*response, *apiError) {
	p, u, apiErr := s.lookupDBUser(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.dbUsers = slices.DeleteFunc(p.dbUsers, func(x *dbUser) bool { return x == u })
	return noContent(), nil
}

// ---- Out-of-band helpers for tests ----

// DatabaseUserSnapshot is a copy of a stored database user. The password is
// not copied; PasswordChanges counts the updates that changed it.
type DatabaseUserSnapshot struct {
	DatabaseName, Username                           string
	AWSIAMType, LDAPAuthType, OIDCAuthType, X509Type string
	Description                                      string
	Roles                                            []DatabaseUserRole
	Scopes                                           []DatabaseUserScope
	Labels                                           []Tag
	PasswordChanges                                  int
}

func (u *dbUser) snapshot() DatabaseUserSnapshot {
	return DatabaseUserSnapshot{
		DatabaseName: u.databaseName, Username: u.username,
		AWSIAMType: u.awsIAMType, LDAPAuthType: u.ldapAuthType, OIDCAuthType: u.oidcAuthType, X509Type: u.x509Type,
		Description: u.description, Roles: slices.Clone(u.roles), Scopes: slices.Clone(u.scopes),
		Labels: slices.Clone(u.labels), PasswordChanges: u.passwordChanges,
	}
}

// DatabaseUsers returns copies of a project's database users in creation order.
func (s *Server) DatabaseUsers(projectID string) []DatabaseUserSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return nil
	}
	p.expireDBUsers(time.Now())
	out := make([]DatabaseUserSnapshot, 0, len(p.dbUsers))
	for _, u := range p.dbUsers {
		out = append(out, u.snapshot())
	}
	return out
}

// DatabaseUser returns a copy of one database user.
func (s *Server) DatabaseUser(projectID, databaseName, username string) (DatabaseUserSnapshot, bool) {
	for _, u := range s.DatabaseUsers(projectID) {
		if u.DatabaseName == databaseName && u.Username == username {
			return u, true
		}
	}
	return DatabaseUserSnapshot{}, false
}

// CheckDatabaseUserPassword reports whether the user exists with this password,
// which is how a test sees what a client would log in with.
func (s *Server) CheckDatabaseUserPassword(projectID, databaseName, username, password string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	u := p.findDBUser(databaseName, username)
	return u != nil && u.password == password
}

// UpdateDatabaseUserOutOfBand changes a user behind the API's back (drift).
// Description, Roles, Scopes and Labels are written back; nothing is
// validated. It reports whether the user existed.
func (s *Server) UpdateDatabaseUserOutOfBand(projectID, databaseName, username string, mutate func(*DatabaseUserSnapshot)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found {
		return false
	}
	u := p.findDBUser(databaseName, username)
	if u == nil {
		return false
	}
	snap := u.snapshot()
	mutate(&snap)
	u.description = snap.Description
	u.roles = slices.Clone(snap.Roles)
	u.scopes = slices.Clone(snap.Scopes)
	u.labels = slices.Clone(snap.Labels)
	return true
}

// DeleteDatabaseUserOutOfBand removes a user as if someone deleted it in the
// Atlas UI. It reports whether the user existed.
func (s *Server) DeleteDatabaseUserOutOfBand(projectID, databaseName, username string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, found := s.world.projects[projectID]
	if !found || p.findDBUser(databaseName, username) == nil {
		return false
	}
	p.dbUsers = slices.DeleteFunc(p.dbUsers, func(u *dbUser) bool { return u.databaseName == databaseName && u.username == username })
	return true
}
