package atlassim

import (
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strings"
	"time"
)

// resource names a group of endpoints that share one list of API versions.
// Atlas versions each resource separately, so a client asking
// for 2025-03-12 gets the newest version of *that* resource released on or
// before that date.
type resource string

const (
	resProjects     resource = "projects"   // groups, settings, limits, teams, ipAddresses, managedSlowMs
	resGroupUsers   resource = "groupUsers" // GET /groups/{id}/users
	resClusters     resource = "clusters"   // /groups/{id}/clusters
	resFlexClusters resource = "flexClusters"
	resServerless   resource = "serverless"
	resDBUsers      resource = "databaseUsers"
	resAccessList   resource = "accessList"
)

// apiVersion is one released version of a resource. deprecation and sunset
// are sent as headers (IMF-fixdate) when set, as Atlas does for superseded
// versions.
type apiVersion struct {
	date        string
	deprecation string
	sunset      string
}

// resourceVersions is the single version table. Keep each list sorted from
// oldest to newest. Flex and serverless are listed already so their routes
// only need to name the resource when they are added.
var resourceVersions = map[resource][]apiVersion{
	resProjects: {{date: "2023-01-01"}},
	resGroupUsers: {
		{date: "2023-01-01", deprecation: "Wed, 19 Feb 2025 00:00:00 GMT", sunset: "Thu, 1 Jul 2027 00:00:00 GMT"},
		{date: "2025-02-19"},
	},
	resClusters: {
		{date: "2023-01-01", deprecation: "Mon, 5 Aug 2024 00:00:00 GMT", sunset: "Thu, 1 Jul 2027 00:00:00 GMT"},
		{date: "2023-02-01", deprecation: "Mon, 5 Aug 2024 00:00:00 GMT", sunset: "Thu, 1 Jul 2027 00:00:00 GMT"},
		{date: "2024-08-05"},
	},
	resFlexClusters: {{date: "2024-11-13"}},
	resServerless:   {{date: "2023-01-01"}},
	resDBUsers:      {{date: "2023-01-01"}},
	resAccessList:   {{date: "2023-01-01"}},
}

const atlasMediaPrefix = "application/vnd.atlas."

// negotiateVersion resolves the Accept header of an Atlas v2 request to one
// version of res. Failures are 406 with errorCode INVALID_VERSION_DATE: the
// contract leaves the real body unverified, and INVALID_VERSION_DATE is the
// catalogue's code for "no usable version in the request".
func negotiateVersion(accept string, res resource) (apiVersion, *apiError) {
	versions := resourceVersions[res]
	var requested []string
	for _, part := range strings.Split(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if !strings.HasPrefix(mediaType, atlasMediaPrefix) || !strings.HasSuffix(mediaType, "+json") {
			continue
		}
		date := strings.TrimSuffix(strings.TrimPrefix(mediaType, atlasMediaPrefix), "+json")
		requested = append(requested, date)
	}
	if len(requested) == 0 {
		return apiVersion{}, newError(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
			"There is no version number in the request. Send Accept: application/vnd.atlas.YYYY-MM-DD+json.")
	}
	// Several versioned types may be listed; the newest resolvable one wins.
	sort.Sort(sort.Reverse(sort.StringSlice(requested)))
	for _, date := range requested {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			continue
		}
		for i := len(versions) - 1; i >= 0; i-- {
			if versions[i].date <= date {
				return versions[i], nil
			}
		}
	}
	return apiVersion{}, newError(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
		fmt.Sprintf("The version %s is not valid for this resource.", requested[0]), requested[0])
}

// versionedContentType is the success Content-Type of an Atlas v2 answer.
func versionedContentType(date string) string {
	return atlasMediaPrefix + date + "+json;charset=utf-8"
}

// checkBodyContentType accepts application/json or any versioned Atlas JSON
// type for a request body; anything else is 415.
func checkBodyContentType(contentType string) *apiError {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err == nil && (mediaType == "application/json" ||
		(strings.HasPrefix(mediaType, atlasMediaPrefix) && strings.HasSuffix(mediaType, "+json"))) {
		return nil
	}
	return newError(http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
		fmt.Sprintf("Unsupported media type %q. Send application/json or application/vnd.atlas.YYYY-MM-DD+json.", contentType),
		contentType)
}
