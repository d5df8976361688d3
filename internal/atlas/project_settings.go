package atlas

import (
	"context"
	"net/http"
)

// ProjectSettings are a project's feature switches (GroupSettings in the API). A nil field
// is unknown on read and not sent on update.
type ProjectSettings struct {
	IsClusterAIAssistantEnabled                     *bool `json:"isClusterAiAssistantEnabled,omitempty"`
	IsCollectDatabaseSpecificsStatisticsEnabled     *bool `json:"isCollectDatabaseSpecificsStatisticsEnabled,omitempty"`
	IsDataExplorerEnabled                           *bool `json:"isDataExplorerEnabled,omitempty"`
	IsDataExplorerGenAIFeaturesEnabled              *bool `json:"isDataExplorerGenAIFeaturesEnabled,omitempty"`
	IsDataExplorerGenAISampleDocumentPassingEnabled *bool `json:"isDataExplorerGenAISampleDocumentPassingEnabled,omitempty"`
	IsDataValidationEnabled                         *bool `json:"isDataValidationEnabled,omitempty"`
	IsExtendedStorageSizesEnabled                   *bool `json:"isExtendedStorageSizesEnabled,omitempty"`
	IsNativeRerankingEnabled                        *bool `json:"isNativeRerankingEnabled,omitempty"`
	IsPerformanceAdvisorEnabled                     *bool `json:"isPerformanceAdvisorEnabled,omitempty"`
	IsRealtimePerformancePanelEnabled               *bool `json:"isRealtimePerformancePanelEnabled,omitempty"`
	IsSchemaAdvisorEnabled                          *bool `json:"isSchemaAdvisorEnabled,omitempty"`
}

// GetProjectSettings returns a project's settings.
func (c *Client) GetProjectSettings(ctx context.Context, projectID string) (*ProjectSettings, error) {
	var out ProjectSettings
	if err := c.atlasCall(ctx, http.MethodGet, pathf("/groups/%s/settings", projectID), versionProjects, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateProjectSettings changes the non-nil settings; Atlas leaves the others as they are.
func (c *Client) UpdateProjectSettings(ctx context.Context, projectID string, in ProjectSettings) (*ProjectSettings, error) {
	var out ProjectSettings
	if err := c.atlasCall(ctx, http.MethodPatch, pathf("/groups/%s/settings", projectID), versionProjects, nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
