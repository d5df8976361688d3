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
	ClusterType         string `json:"clusterType"`
	CreateDate          string `json:"createDate"`
	GroupID             string `json:"groupId"`
	ID                  string `json:"id"`
	Links               []link `json:"links"`
	MongoDBMajorVersion string `json:"mongoDBMajorVersion"`
	MongoDBVersion      string `json:"mongoDBVersion"`
	Name                string `json:"name"`
	Paused              bool   `json:"paused"`

	// Only for clusters migrated from serverless (serverless.go):
	// providerSettings in 2023-01-01, replicationSpecs in later versions.
	ProviderSettings *legacyProviderJSON   `json:"providerSettings,omitempty"`
	ReplicationSpecs []replicationSpecJSON `json:"replicationSpecs,omitempty"`

	StateName                    string `json:"stateName"`
	Tags                         *[]Tag `json:"tags,omitempty"`
	TerminationProtectionEnabled bool   `json:"terminationProtectionEnabled"`
}

// legacyProviderJSON is the 2023-01-01 ClusterProviderSettings of a
// migrated cluster (TENANT for M0, which also names its backing provider).
type legacyProviderJSON struct {
	BackingProviderName string `json:"backingProviderName,omitempty"`
	InstanceSizeName    string `json:"instanceSizeName"`
	ProviderName        string `json:"providerName"`
	RegionName          string `json:"regionName"`
}

// replicationSpecJSON is a one-region replication spec (2023-02-01 and
// 2024-08-05) of a migrated cluster.
type replicationSpecJSON struct {
	RegionConfigs []regionConfigJSON `json:"regionConfigs"`
}

type regionConfigJSON struct {
	BackingProviderName string             `json:"backingProviderName,omitempty"`
	ElectableSpecs      electableSpecsJSON `json:"electableSpecs"`
	Priority            int                `json:"priority"`
	ProviderName        string             `json:"providerName"`
	RegionName          string             `json:"regionName"`
}

type electableSpecsJSON struct {
	InstanceSize string `json:"instanceSize"`
	NodeCount    int    `json:"nodeCount,omitempty"`
}

func clusterView(c *call, groupID string, cl *cluster) clusterJSON {
	v := clusterJSON{
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
	if t := cl.tier; t != nil {
		backing := ""
		if t.providerName == "TENANT" {
			backing = t.backingProvider
		}
		if c.version == "2023-01-01" {
			v.ProviderSettings = &legacyProviderJSON{BackingProviderName: backing, InstanceSizeName: t.instanceSize,
				ProviderName: t.providerName, RegionName: t.region}
		} else {
			specs := electableSpecsJSON{InstanceSize: t.instanceSize}
			if t.providerName != "TENANT" {
				specs.NodeCount = 3
			}
			v.ReplicationSpecs = []replicationSpecJSON{{RegionConfigs: []regionConfigJSON{{BackingProviderName: backing,
				ElectableSpecs: specs, Priority: 7, ProviderName: t.providerName, RegionName: t.region}}}}
		}
		tags := nonNilTags(t.tags)
		v.Tags = &tags
		v.TerminationProtectionEnabled = t.terminationProtection
	}
	return v
}

// GET /groups/{groupId}/clusters. Flex clusters are left out: the spec says
// this list shows only flex clusters made through the Clusters API or
// migrated from M2/M5 (until January 2026), which the simulator does not
// have, and GET /clusters/{name} refuses flex names anyway.
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

// lookupCluster resolves {groupId} and {clusterName} for the Clusters API:
// a flex cluster's name is 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API
// (observed), a real serverless instance's 400
// CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API, an unknown one 404
// CLUSTER_NOT_FOUND.
func (s *Server) lookupCluster(c *call) (*project, *cluster, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	name := c.params["clusterName"]
	if !clusterNamePattern.MatchString(name) {
		return nil, nil, errInvalidPathParameter("clusterName", name)
	}
	if p.findFlexCluster(name) != nil {
		return nil, nil, errFlexInClusterAPI(name)
	}
	if p.findServerless(name) != nil {
		return nil, nil, errServerlessInClusterAPI(name)
	}
	cl := p.findCluster(name)
	if cl == nil {
		return nil, nil, errClusterNotFound(name, p.id)
	}
	return p, cl, nil
}

// GET /groups/{groupId}/clusters/{clusterName}
func (s *Server) getCluster(c *call) (*response, *apiError) {
	p, cl, apiErr := s.lookupCluster(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(clusterView(c, p.id, cl)), nil
}

// DELETE /groups/{groupId}/clusters/{clusterName}: 202 with no body (the
// spec's 202 has no schema); the cluster is DELETING, then gone after the
// transition. Seeded clusters never have termination protection; one
// migrated from a protected serverless instance answers 400
// CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED.
func (s *Server) deleteCluster(c *call) (*response, *apiError) {
	p, cl, apiErr := s.lookupCluster(c)
	if apiErr != nil {
		return nil, apiErr
	}
	if cl.state == "DELETING" {
		return nil, errAlreadyRequestedDeletion(cl.name)
	}
	if cl.tier != nil && cl.tier.terminationProtection {
		return nil, errClusterTerminationProtected(cl.name, p.id)
	}
	cl.state, cl.stateChanged = "DELETING", c.now
	return &response{status: http.StatusAccepted}, nil
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

// GET /groups/{groupId}/ipAddresses: dedicated then flex clusters (a flex
// cluster has hosts and addresses too; the simulator's choice).
func (s *Server) getIPAddresses(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	out := ipAddressesJSON{GroupID: p.id}
	out.Services.Clusters = []clusterIPsJSON{}
	add := func(id, name string) {
		out.Services.Clusters = append(out.Services.Clusters, clusterIPsJSON{
			ClusterName:    name,
			FutureInbound:  []string{},
			FutureOutbound: []string{},
			Inbound:        fakeIPs(id, "in", "198.51.100"),
			Outbound:       fakeIPs(id, "out", "203.0.113"),
		})
	}
	for _, cl := range p.clusters {
		add(cl.id, cl.name)
	}
	for _, fc := range p.flexClusters {
		add(fc.id, fc.name)
	}
	return ok(out), nil
}
