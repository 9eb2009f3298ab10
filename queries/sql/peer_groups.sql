SELECT peer_group_id, name_vi, name_en, rule, note FROM peer_groups ORDER BY peer_group_id
