package atlas

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// markOrganizationID looks closer at a 404 GROUP_NOT_FOUND for /groups/{id}/...: an
// organization's id pasted where a project id belongs is a common mistake (both are 24
// hex digits, and the Atlas UI shows both), and Atlas's answer does not say so. One extra
// read, only on this error path, tells the two apart.
func (c *Client) markOrganizationID(ctx context.Context, path string, err error) {
	apiErr, ok := AsError(err)
	if !ok || apiErr.Status != http.StatusNotFound || apiErr.ErrorCode != "GROUP_NOT_FOUND" {
		return
	}
	rest, found := strings.CutPrefix(path, "/groups/")
	if !found {
		return
	}
	id, _, _ := strings.Cut(rest, "/")
	id, uerr := url.PathUnescape(id)
	if uerr != nil || id == "" {
		return
	}
	query := url.Values{"itemsPerPage": {"1"}, "includeCount": {"false"}}
	if c.atlasCallPlain(ctx, http.MethodGet, pathf("/orgs/%s/groups", id), versionProjects, query, nil, nil) == nil {
		apiErr.OrganizationID = id
	}
}

// organizationIDHint explains a project id that is an organization's.
func organizationIDHint(apiErr *Error) string {
	return "The id " + apiErr.OrganizationID + " belongs to an organization, not to a project. " +
		"Set project_id to the id of a project in that organization (Atlas UI: Project Settings; CLI: atlas projects list; " +
		"or the id attribute of a mongodbatlas_project resource), then run the same command again."
}
