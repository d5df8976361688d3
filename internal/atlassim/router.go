package atlassim

import (
	"net/url"
	"strconv"
	"strings"
)

// route is one API operation. New resource families (flex clusters,
// serverless instances, Cloud Manager projects) add their routes to
// apiRoutes and their version lists to resourceVersions; nothing else in
// the pipeline has to change.
type route struct {
	method    string
	pattern   string   // path with {name} placeholders, one per segment
	resource  resource // version table entry; "" = not an Atlas v2 versioned path
	limitSet  EndpointSet
	scope     limitScope
	rateLabel string // resource name shown in a 429 detail
	handle    func(s *Server, c *call) (*response, *apiError)
}

const v2 = "/api/atlas/v2"

// apiRoutes lists every API operation. Order matters only where a literal
// segment and a placeholder could both match (byName before {groupId}).
func apiRoutes() []route {
	projects := func(method, pattern string, scope limitScope, h func(*Server, *call) (*response, *apiError)) route {
		label := "api/atlas/v2/groups"
		if scope == scopeGroup {
			label = "api/atlas/v2/groups/{groupId}"
		}
		return route{method: method, pattern: v2 + pattern, resource: resProjects,
			limitSet: EndpointSetProjects, scope: scope, rateLabel: label, handle: h}
	}
	flex := func(method, suffix string, h func(*Server, *call) (*response, *apiError)) route {
		return route{method: method, pattern: v2 + "/groups/{groupId}/flexClusters" + suffix, resource: resFlexClusters,
			limitSet: EndpointSetFlexClusters, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}/flexClusters", handle: h}
	}
	routes := []route{
		// Projects (the USER-scoped rate-limit endpoints first).
		projects("GET", "/groups", scopeUser, (*Server).listProjects),
		projects("POST", "/groups", scopeUser, (*Server).createProject),
		projects("GET", "/groups/byName/{groupName}", scopeUser, (*Server).getProjectByName),
		projects("GET", "/groups/{groupId}", scopeGroup, (*Server).getProject),
		projects("PATCH", "/groups/{groupId}", scopeGroup, (*Server).updateProject),
		projects("DELETE", "/groups/{groupId}", scopeGroup, (*Server).deleteProject),
		{method: "GET", pattern: v2 + "/orgs/{orgId}/groups", resource: resProjects,
			limitSet: EndpointSetOrganizations, scope: scopeOrg, rateLabel: "api/atlas/v2/orgs",
			handle: (*Server).listOrgProjects},

		// Project sub-resources.
		projects("GET", "/groups/{groupId}/settings", scopeGroup, (*Server).getSettings),
		projects("PATCH", "/groups/{groupId}/settings", scopeGroup, (*Server).updateSettings),
		projects("GET", "/groups/{groupId}/limits", scopeGroup, (*Server).listLimits),
		projects("GET", "/groups/{groupId}/limits/{limitName}", scopeGroup, (*Server).getLimit),
		projects("PATCH", "/groups/{groupId}/limits/{limitName}", scopeGroup, (*Server).setLimit),
		projects("DELETE", "/groups/{groupId}/limits/{limitName}", scopeGroup, (*Server).deleteLimit),
		projects("GET", "/groups/{groupId}/ipAddresses", scopeGroup, (*Server).getIPAddresses),
		projects("GET", "/groups/{groupId}/managedSlowMs", scopeGroup, (*Server).getManagedSlowMs),
		projects("POST", "/groups/{groupId}/managedSlowMs/enable", scopeGroup, (*Server).enableManagedSlowMs),
		projects("DELETE", "/groups/{groupId}/managedSlowMs/disable", scopeGroup, (*Server).disableManagedSlowMs),
		projects("GET", "/groups/{groupId}/teams", scopeGroup, (*Server).listProjectTeams),
		projects("POST", "/groups/{groupId}/teams", scopeGroup, (*Server).addProjectTeams),
		projects("GET", "/groups/{groupId}/teams/{teamId}", scopeGroup, (*Server).getProjectTeam),
		projects("PATCH", "/groups/{groupId}/teams/{teamId}", scopeGroup, (*Server).updateProjectTeam),
		projects("DELETE", "/groups/{groupId}/teams/{teamId}", scopeGroup, (*Server).removeProjectTeam),
		{method: "GET", pattern: v2 + "/groups/{groupId}/users", resource: resGroupUsers,
			limitSet: EndpointSetProjects, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}",
			handle: (*Server).listProjectUsers},

		// Dedicated clusters: tests seed them out of band; the API reads and
		// deletes them (and refuses flex names, see flex.go).
		{method: "GET", pattern: v2 + "/groups/{groupId}/clusters", resource: resClusters,
			limitSet: EndpointSetClusters, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}/clusters",
			handle: (*Server).listClusters},
		{method: "GET", pattern: v2 + "/groups/{groupId}/clusters/{clusterName}", resource: resClusters,
			limitSet: EndpointSetClusters, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}/clusters",
			handle: (*Server).getCluster},
		{method: "DELETE", pattern: v2 + "/groups/{groupId}/clusters/{clusterName}", resource: resClusters,
			limitSet: EndpointSetClusters, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}/clusters",
			handle: (*Server).deleteCluster},

		// Flex clusters (flex.go). :tenantUpgrade is not simulated (404).
		flex("GET", "", (*Server).listFlexClusters),
		flex("POST", "", (*Server).createFlexCluster),
		flex("GET", "/{name}", (*Server).getFlexCluster),
		flex("PATCH", "/{name}", (*Server).updateFlexCluster),
		flex("DELETE", "/{name}", (*Server).deleteFlexCluster),

		// Serverless instances (serverless.go; eras in eras.go).
		serverlessRoute("GET", "", (*Server).listServerless),
		serverlessRoute("POST", "", (*Server).createServerless),
		serverlessRoute("GET", "/{name}", (*Server).getServerless),
		serverlessRoute("PATCH", "/{name}", (*Server).updateServerless),
		serverlessRoute("DELETE", "/{name}", (*Server).deleteServerless),
		serverlessRoute("GET", "/{name}/performanceAdvisor/autoIndexing", (*Server).getServerlessAutoIndexing),
		serverlessRoute("POST", "/{name}/performanceAdvisor/autoIndexing", (*Server).setServerlessAutoIndexing),

		// Database users (database_users.go) and the project IP access list (project_access_list.go).
		groupRoute("GET", "/databaseUsers", resDBUsers, (*Server).listDatabaseUsers),
		groupRoute("POST", "/databaseUsers", resDBUsers, (*Server).createDatabaseUser),
		groupRoute("GET", "/databaseUsers/{databaseName}/{username}", resDBUsers, (*Server).getDatabaseUser),
		groupRoute("PATCH", "/databaseUsers/{databaseName}/{username}", resDBUsers, (*Server).updateDatabaseUser),
		groupRoute("DELETE", "/databaseUsers/{databaseName}/{username}", resDBUsers, (*Server).deleteDatabaseUser),
		groupRoute("GET", "/accessList", resAccessList, (*Server).listAccessList),
		groupRoute("POST", "/accessList", resAccessList, (*Server).addAccessList),
		groupRoute("GET", "/accessList/{entryValue}", resAccessList, (*Server).getAccessEntry),
		groupRoute("DELETE", "/accessList/{entryValue}", resAccessList, (*Server).deleteAccessEntry),
		groupRoute("GET", "/accessList/{entryValue}/status", resAccessList, (*Server).getAccessEntryStatus),
	}
	// Cloud Manager / Ops Manager Public API v1.0 (cloudmanager.go).
	return append(routes, cloudManagerRoutes()...)
}

// groupRoute is a project sub-resource with its own version list, rate-limited
// with the project endpoints.
func groupRoute(method, suffix string, res resource, h func(*Server, *call) (*response, *apiError)) route {
	return route{method: method, pattern: v2 + "/groups/{groupId}" + suffix, resource: res,
		limitSet: EndpointSetProjects, scope: scopeGroup, rateLabel: "api/atlas/v2/groups/{groupId}", handle: h}
}

// match finds the route for a request: 404 RESOURCE_NOT_FOUND when no
// pattern fits the path, 405 when a pattern fits but not for this method.
// path is the escaped path, so a %2F inside a segment (a CIDR block in an
// access list path, an OIDC user name) stays within its segment; parameters
// are unescaped.
func (s *Server) match(method, path string) (route, map[string]string, *apiError) {
	segments := strings.Split(path, "/")
	pathMatched := false
	for _, rt := range s.routes {
		params, fits := matchPattern(rt.pattern, segments)
		if !fits {
			continue
		}
		pathMatched = true
		if rt.method == method {
			return rt, params, nil
		}
	}
	if pathMatched {
		return route{}, nil, errMethodNotAllowed(method, path)
	}
	return route{}, nil, errResourceNotFound(path)
}

func matchPattern(pattern string, segments []string) (map[string]string, bool) {
	want := strings.Split(pattern, "/")
	if len(want) != len(segments) {
		return nil, false
	}
	params := map[string]string{}
	for i, w := range want {
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			value, err := url.PathUnescape(segments[i])
			if segments[i] == "" || err != nil {
				return nil, false
			}
			params[w[1:len(w)-1]] = value
			continue
		}
		if w != segments[i] {
			return nil, false
		}
	}
	return params, true
}

func itoa(n int) string { return strconv.Itoa(n) }
