/**
 * The plan catalogue: tariffs modelled on a Chinese mobile operator's
 * (神州行 keep-number plans, 动感地带 youth cards, 5G 智享, 全球通 premium
 * tiers, family broadband bundles). Fees and allowances are in the range
 * such plans had in 2024; the names are ours.
 */

/** Network generation the plan is sold on. */
export type Network = '4G' | '5G';

/** One tariff. Money in fen; allowances per month. */
export interface Plan {
  id: string;
  nameZh: string;
  nameEn: string;
  network: Network;
  monthlyFeeFen: number;
  dataMb: number;
  voiceMinutes: number;
  sms: number;
  /** Price of data beyond the allowance, per GB (fen). */
  extraDataPerGbFen: number;
  /** Price of a voice minute beyond the allowance (fen). */
  extraVoicePerMinuteFen: number;
  /** Price of an SMS beyond the allowance (fen). */
  smsFen: number;
  /** Home broadband bundled with the plan (Mbit/s), 0 when none. */
  broadbandMbps: number;
}

const GB = 1024;

function plan(
  id: string,
  nameZh: string,
  nameEn: string,
  network: Network,
  feeYuan: number,
  dataGb: number,
  voiceMinutes: number,
  sms = 0,
  broadbandMbps = 0,
): Plan {
  return {
    id,
    nameZh,
    nameEn,
    network,
    monthlyFeeFen: feeYuan * 100,
    dataMb: Math.round(dataGb * GB),
    voiceMinutes,
    sms,
    // Premium plans charge less beyond their allowance, as operators do to keep high spenders.
    extraDataPerGbFen: feeYuan >= 288 ? 300 : 500,
    extraVoicePerMinuteFen: feeYuan >= 288 ? 10 : 19,
    smsFen: 10,
    broadbandMbps,
  };
}

/** Every plan the simulator sells, cheapest first. */
export const PLANS: readonly Plan[] = [
  plan('szx-8', '神州行8元保号套餐', 'Keep-Number 8', '4G', 8, 0.1, 30),
  plan('dgdd-19', '动感地带芒果卡19元', 'M-Zone Mango Card 19', '4G', 19, 5, 100),
  plan('flk-29', '花卡29元', 'Flower Card 29', '4G', 29, 10, 100),
  plan('zb-38', '长辈关爱套餐38元', 'Senior Care 38', '4G', 38, 3, 300, 100),
  plan('xy-39', '动感地带校园卡39元', 'M-Zone Campus 39', '4G', 39, 40, 100),
  plan('fx-58', '4G飞享套餐58元', '4G Flying Share 58', '4G', 58, 10, 200),
  plan('sw-99', '商务助理套餐99元', 'Business Assistant 99', '5G', 99, 20, 1000, 100),
  plan('zx-128', '5G智享套餐128元', '5G Smart 128', '5G', 128, 30, 500),
  plan('jt-169', '家庭融合套餐169元', 'Family Bundle 169', '5G', 169, 40, 800, 0, 1000),
  plan('zx-198', '5G智享套餐198元', '5G Smart 198', '5G', 198, 60, 1000),
  plan('qqt-288', '全球通尊享套餐288元', 'GoTone Premier 288', '5G', 288, 100, 1500, 200),
  plan('qqt-388', '全球通尊享套餐388元', 'GoTone Premier 388', '5G', 388, 150, 2000, 300),
  plan('qqt-588', '全球通钻石套餐588元', 'GoTone Diamond 588', '5G', 588, 300, 3000, 500, 2000),
];

const byId = new Map(PLANS.map((p) => [p.id, p]));

/** The plan with this id, or undefined. */
export function planById(id: string): Plan | undefined {
  return byId.get(id);
}

/** The plan with this id; throws for an id not in the catalogue (a generator bug). */
export function requirePlan(id: string): Plan {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown plan ${id}`);
  return found;
}
