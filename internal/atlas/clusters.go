package atlas

import (
	"context"
	"net/http"
)

// Cluster is the little of a cluster the provider needs: enough to tell whether a project
// still holds deployments and in which state they are.
type Cluster struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	StateName string `json:"stateName"`
}

// ListClusters returns every cluster of a project from the Clusters API.
func (c *Client) ListClusters(ctx context.Context, projectID string) ([]Cluster, error) {
	return listAll[Cluster](ctx, c.atlasPages(pathf("/groups/%s/clusters", projectID), versionClusters), nil)
}

// GetCluster returns one cluster from the Clusters API.
func (c *Client) GetCluster(ctx context.Context, projectID, name string) (*Cluster, error) {
	var out Cluster
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/clusters/%s", projectID, name), versionClusters, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
