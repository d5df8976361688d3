package atlassim

import "encoding/json"

// ProjectSettings is GroupSettings from the spec (alphabetical keys).
type ProjectSettings struct {
	IsClusterAiAssistantEnabled                     bool `json:"isClusterAiAssistantEnabled"`
	IsCollectDatabaseSpecificsStatisticsEnabled     bool `json:"isCollectDatabaseSpecificsStatisticsEnabled"`
	IsDataExplorerEnabled                           bool `json:"isDataExplorerEnabled"`
	IsDataExplorerGenAIFeaturesEnabled              bool `json:"isDataExplorerGenAIFeaturesEnabled"`
	IsDataExplorerGenAISampleDocumentPassingEnabled bool `json:"isDataExplorerGenAISampleDocumentPassingEnabled"`
	IsDataValidationEnabled                         bool `json:"isDataValidationEnabled"`
	IsExtendedStorageSizesEnabled                   bool `json:"isExtendedStorageSizesEnabled"`
	IsNativeRerankingEnabled                        bool `json:"isNativeRerankingEnabled"`
	IsPerformanceAdvisorEnabled                     bool `json:"isPerformanceAdvisorEnabled"`
	IsRealtimePerformancePanelEnabled               bool `json:"isRealtimePerformancePanelEnabled"`
	IsSchemaAdvisorEnabled                          bool `json:"isSchemaAdvisorEnabled"`
}

// defaultSettings are the settings of a new project. The spec documents no
// defaults except sample-document passing (false). The simulator chooses:
// the long-standing monitoring and Data Explorer features on; the opt-in
// ones (generative AI, AI assistant, reranking, data validation, extended
// storage sizes) off.
func defaultSettings() ProjectSettings {
	return ProjectSettings{
		IsCollectDatabaseSpecificsStatisticsEnabled: true,
		IsDataExplorerEnabled:                       true,
		IsPerformanceAdvisorEnabled:                 true,
		IsRealtimePerformancePanelEnabled:           true,
		IsSchemaAdvisorEnabled:                      true,
	}
}

// fields maps each JSON name to its field, for partial PATCH.
func (ps *ProjectSettings) fields() map[string]*bool {
	return map[string]*bool{
		"isClusterAiAssistantEnabled":                     &ps.IsClusterAiAssistantEnabled,
		"isCollectDatabaseSpecificsStatisticsEnabled":     &ps.IsCollectDatabaseSpecificsStatisticsEnabled,
		"isDataExplorerEnabled":                           &ps.IsDataExplorerEnabled,
		"isDataExplorerGenAIFeaturesEnabled":              &ps.IsDataExplorerGenAIFeaturesEnabled,
		"isDataExplorerGenAISampleDocumentPassingEnabled": &ps.IsDataExplorerGenAISampleDocumentPassingEnabled,
		"isDataValidationEnabled":                         &ps.IsDataValidationEnabled,
		"isExtendedStorageSizesEnabled":                   &ps.IsExtendedStorageSizesEnabled,
		"isNativeRerankingEnabled":                        &ps.IsNativeRerankingEnabled,
		"isPerformanceAdvisorEnabled":                     &ps.IsPerformanceAdvisorEnabled,
		"isRealtimePerformancePanelEnabled":               &ps.IsRealtimePerformancePanelEnabled,
		"isSchemaAdvisorEnabled":                          &ps.IsSchemaAdvisorEnabled,
	}
}

// GET /groups/{groupId}/settings
func (s *Server) getSettings(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(p.settings), nil
}

// PATCH /groups/{groupId}/settings: only the fields sent change.
func (s *Server) updateSettings(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	updated := p.settings
	targets := updated.fields()
	allowed := make([]string, 0, len(targets))
	for name := range targets {
		allowed = append(allowed, name)
	}
	fields, apiErr := decodeObject(c.body, bodyFields{allowed: allowed})
	if apiErr != nil {
		return nil, apiErr
	}
	for name, raw := range fields {
		if string(raw) == "null" {
			continue
		}
		if err := json.Unmarshal(raw, targets[name]); err != nil {
			return nil, errInvalidAttribute(name)
		}
	}
	p.settings = updated
	return ok(p.settings), nil
}

// GET /groups/{groupId}/managedSlowMs answers a bare JSON boolean.
func (s *Server) getManagedSlowMs(c *call) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	return ok(p.managedSlowMs), nil
}

// POST /groups/{groupId}/managedSlowMs/enable: 204.
func (s *Server) enableManagedSlowMs(c *call) (*response, *apiError) {
	return s.setManagedSlowMs(c, true)
}

// DELETE /groups/{groupId}/managedSlowMs/disable: 204.
func (s *Server) disableManagedSlowMs(c *call) (*response, *apiError) {
	return s.setManagedSlowMs(c, false)
}

func (s *Server) setManagedSlowMs(c *call, enabled bool) (*response, *apiError) {
	p, apiErr := s.lookupProject(c)
	if apiErr != nil {
		return nil, apiErr
	}
	p.managedSlowMs = enabled
	return noContent(), nil
}
