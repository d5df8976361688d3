package atlas

import (
	"context"
	"fmt"
)

// flexWatch is created with the client; every flex wait of the process goes
// through it.
func newFlexWatch(c *Client) *watch[*FlexCluster] {
	return newWatch(c, watchSource[*FlexCluster]{
		kind: "flex clusters",
		get:  c.GetFlexCluster,
		list: func(ctx context.Context, projectID string) (map[string]*FlexCluster, error) {
			all, err := c.ListFlexClusters(ctx, projectID)
			return byName(all, func(f *FlexCluster) string { return f.Name }), err
		},
	})
}

// WaitForFlexClusterIdle waits until the flex cluster is IDLE after a create or
// an update (verb says which, for messages) and returns it as last seen. States
// other than CREATING, UPDATING and REPAIRING end the wait with an
// *UnexpectedStateError; the context's deadline with a *WaitTimeoutError.
func (c *Client) WaitForFlexClusterIdle(ctx context.Context, projectID, name, verb string) (*FlexCluster, error) {
	return awaitState(ctx, c.flex, projectID, name, idleWait(fmt.Sprintf("flex cluster %q in project %s to be %s", name, projectID, verb)), flexState)
}

// WaitForFlexClusterDeletion waits until the flex cluster is gone: absent from
// the project's list, or 404.
func (c *Client) WaitForFlexClusterDeletion(ctx context.Context, projectID, name string) error {
	_, err := awaitState(ctx, c.flex, projectID, name, deletionWait(fmt.Sprintf("flex cluster %q in project %s to be deleted", name, projectID)), flexState)
	return err
}

func flexState(c *FlexCluster) string { return c.StateName }
