-- What the promotion policy decided for the run's selected model, and why (for example that the champion could not
-- be evaluated, so the new model stayed challenger, or that a promotion request was filed for four-eyes approval).
alter table runs add column promotion_decision text;
