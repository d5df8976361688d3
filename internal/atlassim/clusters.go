package atlassim

import (
	"fmt"
	"hash/fnv"
	"net/http"
)

// clusterJSON is a small dedicated-cluster description. The fields chosen
// exist with the same meaning in all three versions (LegacyAtlasCluster
// 2023-01-01, AdvancedClusterDescription 2023-02-01,
// ClusterDescription20240805), so one shape serves every version.
type clusterJSON struct {
	ClusterType                  string `json:"clusterType"`
	CreateDate                   string `json:"createDate"`
	GroupID                      string `json:"groupId"`
	ID                           string `json:"id"`
	Links                        []link `json:"links"`
	MongoDBMajorVersion          string `json:"mongoDBMajorVersion"`
	MongoDBVersion               string `json:"mongoDBVersion"`
	Name                         string `json:"name"`
	Paused                       bool   `json:"paused"`
	StateName                    string `json:"stateName"`
	TerminationProtectionEnabled bool   `json:"terminationProtectionEnabled"`
}

func clusterView(c *call, groupID string, cl *cluster) clusterJSON {
	return clusterJSON{
		ClusterType:         "REPLICASET",
		CreateDate:          atlasTime(cl.created),
		GroupID:             groupID,
		ID:                  cl.id,
		Links:               []link{{Href: c.baseURL + v2 + "/groups/" + groupID + "/clusters/" + cl.name, Rel: "self"}},
		MongoDBMajorVersion: "8.0",
		MongoDBVersion:      "8.0.12",
		Name:                cl.name,
		StateName:           cl.state,
	}
}

// GET /groups/{groupId}/clusters
func (s *Server) listClusters(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	views := make([]clusterJSON, 0, len(p.clusters))
	for _, cl := range p.clusters {
		views = append(views, clusterView(c, p.id, cl))
	}
	page, apiErr := paginate(c, views)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(page), nil
}

// GET /groups/{groupId}/clusters/{clusterName}
func (s *Server) getCluster(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	name := c.params["clusterName"]
	if !clusterNamePattern.MatchString(name) {
		return nil, errInvalidPathParameter("clusterName", name)
	}
	cl := p.findCluster(name)
	if cl == nil {
		return nil, newError(http.StatusNotFound, "CLUSTER_NOT_FOUND",
			fmt.Sprintf("No cluster named %s exists in group %s.", name, p.id), name, p.id)
	}
	return ok(clusterView(c, p.id, cl)), nil
}

// ipAddressesJSON is GroupIPAddresses.
type ipAddressesJSON struct {
	GroupID  string `json:"groupId"`
	Services struct {
		Clusters []clusterIPsJSON `json:"clusters"`
	} `json:"services"`
}

type clusterIPsJSON struct {
	ClusterName    string   `json:"clusterName"`
	FutureInbound  []string `json:"futureInbound"`
	FutureOutbound []string `json:"futureOutbound"`
	Inbound        []string `json:"inbound"`
	Outbound       []string `json:"outbound"`
}

// fakeIPs gives a cluster three stable addresses from a documentation range
// (RFC 5737), derived from its id so repeated reads agree.
func fakeIPs(clusterID, salt string, network string) []string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(clusterID + salt))
	base := h.Sum32() % 250
	return []string{
		fmt.Sprintf("%s.%d", network, base+1),
		fmt.Sprintf("%s.%d", network, base+2),
		fmt.Sprintf("%s.%d", network, base+3),
	}
}

// GET /groups/{groupId}/ipAddresses
func (s *Server) getIPAddresses(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	out := ipAddressesJSON{GroupID: p.id}
	out.Services.Clusters = []clusterIPsJSON{}
	for _, cl := range p.clusters {
		out.Services.Clusters = append(out.Services.Clusters, clusterIPsJSON{
			ClusterName:    cl.name,
			FutureInbound:  []string{},
			FutureOutbound: []string{},
			Inbound:        fakeIPs(cl.id, "in", "198.51.100"),
			Outbound:       fakeIPs(cl.id, "out", "203.0.113"),
		})
	}
	return ok(out), nil
}
