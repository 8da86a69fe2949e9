/**
 * The one line to a conversation's coach that its HCP is recorded absent that day, or leaves before
 * it. Queued by HCP attendance and notices; rendered at delivery by Specialist Advice, so nothing is
 * sent once it no longer holds (the HCP came after all, the conversation moved or was cancelled).
 */
export const ADVICE_HCP_AWAY_LINE = 'advice_hcp_away';
