/**
 * The knowledge base's test set and demo content (docs/knowledge.md): a
 * telecom operator's service-desk articles, written in Chinese with some
 * English, in a small category tree. The ranking test searches them with
 * hand-judged queries (knowledgeQueries.ts); the demo seed loads them.
 */

export interface SeedCategory {
  key: string;
  parent?: string;
  nameZh: string;
  nameEn: string;
}

export interface SeedArticle {
  /** Stable key the judged queries refer to. */
  key: string;
  category: string;
  language: 'zh-CN' | 'en';
  title: string;
  tags: string[];
  body: string;
}

export const KNOWLEDGE_CATEGORIES: readonly SeedCategory[] = [
  { key: 'broadband', nameZh: '宽带', nameEn: 'Broadband' },
  { key: 'broadband-fault', parent: 'broadband', nameZh: '宽带故障', nameEn: 'Broadband faults' },
  { key: 'plans', nameZh: '套餐与资费', nameEn: 'Plans and charges' },
  { key: 'billing', nameZh: '账单与发票', nameEn: 'Bills and invoices' },
  { key: 'roaming', nameZh: '国际漫游', nameEn: 'International roaming' },
  { key: 'numbers', nameZh: '号码业务', nameEn: 'Number services' },
  { key: 'devices', nameZh: '5G与终端', nameEn: '5G and devices' },
];

export const KNOWLEDGE_ARTICLES: readonly SeedArticle[] = [
  { key: 'bb-down', category: 'broadband-fault', language: 'zh-CN', title: '宽带无法上网故障排查', tags: ['宽带', '故障', '断网'],
    body: '客户反映宽带完全无法上网时，先请客户查看光猫指示灯：PON灯常亮、LOS灯熄灭为正常；LOS红灯闪烁说明光纤线路中断，需要派单上门维修。指示灯正常时请客户重启光猫和路由器，等待三分钟后再试。仍无法上网的，核实账户是否欠费停机，再登记故障申告工单，承诺24小时内上门。' },
  { key: 'bb-slow', category: 'broadband-fault', language: 'zh-CN', title: '宽带网速慢怎么处理', tags: ['宽带', '网速', '测速'],
    body: '网速慢先请客户用有线连接电脑测速（测速网站或营业厅App的测速功能），对比签约带宽。无线WiFi测速受距离、墙体和频段影响，建议使用5GHz频段。有线测速低于签约带宽的七成，登记宽带故障工单由装维人员检测线路；只是无线慢的，可推荐Mesh组网或更换千兆路由器。' },
  { key: 'bb-drop', category: 'broadband-fault', language: 'zh-CN', title: '宽带频繁掉线、断断续续', tags: ['宽带', '掉线', '故障'],
    body: '宽带时断时续多为线路接触不良、光猫过热或路由器老化。请客户检查网线水晶头和光纤是否弯折，光猫是否放在通风处。记录掉线的时间段和频率，后台查询拨号日志。一天内掉线三次以上，按故障申告处理，派装维工程师上门更换光猫或整治线路。' },
  { key: 'bb-speedup', category: 'broadband', language: 'zh-CN', title: '宽带提速与升级千兆', tags: ['宽带', '提速', '千兆'],
    body: '宽带提速可在营业厅App或拨打10086办理，从300M升级到1000M千兆宽带，次月生效或立即生效（按套餐规则）。千兆宽带需要千兆光猫和支持千兆的路由器、网线（超五类以上）。提速后价格按新档位计算，合约期内降速需支付违约金。' },
  { key: 'bb-install', category: 'broadband', language: 'zh-CN', title: '新装宽带办理流程', tags: ['宽带', '新装', '预约'],
    body: '新装宽带先查询地址是否有光纤资源覆盖，覆盖的可在线下单，选择宽带套餐和上门安装时间。装维人员一般在48小时内上门安装光猫、调试网络。需提供机主身份证件，租房客户可提供租房合同。安装完成后客户签字确认，宽带即开通计费。' },
  { key: 'bb-move', category: 'broadband', language: 'zh-CN', title: '宽带移机（搬家）怎么办理', tags: ['宽带', '移机', '搬家'],
    body: '客户搬家需要宽带移机的，先确认新地址有光纤资源，再登记移机工单并预约上门时间。同一城市内移机免收移机费一次，跨地市需拆机后在新地址新装。移机期间宽带暂停使用，一般三个工作日内完成。' },
  { key: 'bb-wifi-password', category: 'broadband', language: 'zh-CN', title: 'WiFi密码忘记或修改', tags: ['WiFi', '密码', '路由器'],
    body: '忘记WiFi密码时，可在已连接的手机中查看，或登录路由器管理页面（一般为192.168.1.1）修改。光猫自带WiFi的，管理员账号密码在光猫背面标签上。也可以长按路由器Reset键恢复出厂设置后重新配置。' },
  { key: 'plan-change', category: 'plans', language: 'zh-CN', title: '套餐变更规则（升档与降档）', tags: ['套餐', '变更', '资费'],
    body: '客户可通过营业厅App、短信或10086办理套餐变更。升档（换更高的套餐）当月即可生效，费用按天折算；降档次月生效。合约期内的优惠套餐降档受限，需先解除合约。变更后原套餐内未用完的流量和通话分钟不结转。' },
  { key: 'plan-data', category: 'plans', language: 'zh-CN', title: '流量包订购与流量超出', tags: ['流量', '流量包', '超出'],
    body: '套餐内流量用完后按标准资费3元/GB计费，当月最高收费不超过封顶金额。建议客户订购流量加油包：日包、月包和夜间包。流量使用情况可发送短信CXLL到10086查询。5G套餐用户可订购5G专属流量包。' },
  { key: 'plan-family', category: 'plans', language: 'zh-CN', title: '家庭融合套餐（手机+宽带）', tags: ['融合', '家庭', '套餐'],
    body: '家庭融合套餐把主卡、最多四张副卡和宽带合在一起，副卡共享主卡流量和通话。办理融合套餐可享受宽带免费或半价优惠。主卡欠费会导致副卡和宽带一起停机，请提醒客户按时缴费。' },
  { key: 'plan-cancel-vas', category: 'plans', language: 'zh-CN', title: '退订增值业务', tags: ['退订', '增值业务', '扣费'],
    body: '客户发现不明扣费时，先查询已订购的增值业务（彩铃、视频会员、游戏包等）。可发送0000到10086查询并按提示退订。未经客户同意订购的，核实后退还费用并登记投诉。退订当月已扣费用一般不退。' },
  { key: 'bill-query', category: 'billing', language: 'zh-CN', title: '话费查询与余额查询', tags: ['话费', '余额', '查询'],
    body: '查询话费余额可发送短信CXYE到10086，或在营业厅App首页查看。实时话费有一小时左右的延迟。月账单在每月3日后出账，可查询近六个月的详细账单，包括套餐费、通话费、流量费和增值业务费。' },
  { key: 'bill-dispute', category: 'billing', language: 'zh-CN', title: '话费异常、账单有疑问', tags: ['账单', '话费', '争议'],
    body: '客户认为话费异常时，先调出详单逐项核对：是否有超出套餐的流量、国际通话、漫游费或增值业务。确属系统错误的，提交退费申请，退款在下一个账单周期返还。客户不认可的，登记投诉工单，48小时内回复。' },
  { key: 'bill-invoice', category: 'billing', language: 'zh-CN', title: '电子发票开具', tags: ['发票', '电子发票', '报销'],
    body: '话费发票统一开具电子发票。客户可在营业厅App的"发票管理"中按月或按充值记录开具，支持个人和单位抬头，单位抬头需填写纳税人识别号。电子发票可发送到邮箱，与纸质发票同等效力，可用于报销。' },
  { key: 'bill-payment', category: 'billing', language: 'zh-CN', title: '缴费充值方式', tags: ['缴费', '充值', '支付'],
    body: '客户可通过营业厅App、微信、支付宝、银行代扣或营业厅现金缴费。充值一般实时到账，最晚两小时。开通银行代扣后每月自动缴清账单，避免欠费停机。充值卡充值请拨打充值热线或在App输入卡密。' },
  { key: 'bill-arrears', category: 'billing', language: 'zh-CN', title: '欠费停机与复机', tags: ['欠费', '停机', '复机'],
    body: '账户余额低于零时，系统先发短信提醒，信用额度用完后停机（单向停机后双向停机）。客户缴清欠费后一般30分钟内自动复机。停机超过90天的号码可能被销户回收，请提醒客户及时缴费。' },
  { key: 'roam-open', category: 'roaming', language: 'zh-CN', title: '国际漫游开通与资费', tags: ['漫游', '国际', '出境'],
    body: '出国前请客户确认已开通国际漫游（International roaming），可发送KTGJMY到10086开通。漫游资费按国家和地区分档，建议订购国际漫游流量包（日包或多日包），在目的地开机自动生效。语音接听和拨打均按分钟计费。' },
  { key: 'roam-nosignal', category: 'roaming', language: 'zh-CN', title: '出国后手机没信号、无法上网', tags: ['漫游', '信号', '上网'],
    body: '在境外没有信号时，请客户确认国际漫游已开通，手机开启"数据漫游"开关，并手动选择当地运营商网络。重启手机后仍不行的，核实手机制式是否支持当地频段。5G漫游只在部分国家支持，其余回落到4G。' },
  { key: 'roam-en', category: 'roaming', language: 'en', title: 'Roaming data passes for travellers', tags: ['roaming', 'data', 'travel'],
    body: 'Customers travelling abroad can buy a roaming data pass: a daily pass or a 7-day pass, valid in over 60 destinations. The pass starts when the phone first connects in the destination. Without a pass, roaming data is charged per MB with a daily cap. Turn on data roaming in the phone settings.' },
  { key: 'num-port', category: 'numbers', language: 'zh-CN', title: '携号转网办理条件', tags: ['携号转网', '转网', '号码'],
    body: '携号转网（Number portability）需满足：号码已实名登记、无欠费、不在合约期内、入网满120天。客户先发送SQXZW#姓名#证件号到10086查询是否符合条件，获取授权码后到新运营商营业厅办理。转网成功后原号码的余额可退还。' },
  { key: 'num-realname', category: 'numbers', language: 'zh-CN', title: '实名制登记与补登记', tags: ['实名制', '身份证', '登记'],
    body: '按照国家实名制要求，入网必须登记真实身份信息。未实名的号码会被限制通话和上网，需本人携带身份证到营业厅补登记，或在App上通过人脸识别在线登记。一个身份证在同一运营商最多办理五张卡。' },
  { key: 'num-lost', category: 'numbers', language: 'zh-CN', title: '手机卡丢失挂失与补卡', tags: ['挂失', '补卡', 'SIM卡'],
    body: '手机丢失后请立即挂失：拨打10086按提示办理挂失，号码停止使用以防盗用。补卡需机主本人持身份证到营业厅办理，补卡费按规定收取，新卡即时生效，原卡作废。eSIM用户可在App重新下载配置。' },
  { key: 'num-cancel', category: 'numbers', language: 'zh-CN', title: '销户（拆机）与预约销户', tags: ['销户', '拆机', '预约'],
    body: '办理销户需要机主本人持身份证，结清话费，解除合约和宽带融合关系。可预约销户：在指定日期自动销户，期间号码可正常使用。销户后余额可退还到原支付账户，号码冷冻期后重新放号。' },
  { key: 'num-sms-block', category: 'numbers', language: 'zh-CN', title: '骚扰电话与垃圾短信拦截', tags: ['骚扰电话', '拦截', '短信'],
    body: '客户收到骚扰电话或垃圾短信，可开通免费的来电拦截服务，或发送短信举报到12321。营业厅App可设置黑名单和拦截规则。诈骗电话请提醒客户不要透露验证码，并拨打110报警。' },
  { key: 'dev-5g', category: 'devices', language: 'zh-CN', title: '5G网络开通与使用', tags: ['5G', '网络', '开通'],
    body: '使用5G网络需要同时具备：5G手机、5G套餐（或5G网络权益）和5G网络覆盖。手机设置中打开"启用5G"。5G信号弱时手机自动切换到4G，不影响通话。办理5G套餐后重启手机即可使用。' },
  { key: 'dev-volte', category: 'devices', language: 'zh-CN', title: 'VoLTE高清通话开通', tags: ['VoLTE', '高清通话', '4G'],
    body: 'VoLTE高清语音通话可以在打电话时继续用4G/5G上网。多数套餐默认开通，手机设置中打开"VoLTE高清通话"开关即可。通话中断或无法接通的，请检查开关并重启手机，仍有问题登记故障工单。' },
  { key: 'dev-esim', category: 'devices', language: 'zh-CN', title: 'eSIM手表一号双终端', tags: ['eSIM', '手表', '一号双终端'],
    body: '智能手表开通eSIM一号双终端后，手表和手机共用一个号码，手表可单独接打电话。办理需要支持eSIM的手表，在App扫码下载配置，每月收取功能费。手表丢失时可在App解绑。' },
  { key: 'dev-repair', category: 'devices', language: 'zh-CN', title: '终端维修与保修', tags: ['终端维修', '保修', '手机'],
    body: '在营业厅购买的手机和光猫享受一年保修。终端故障可到营业厅送修或登记终端维修工单，检测后维修或更换。人为损坏、进水不在保修范围内。光猫故障由装维人员上门免费更换。' },
  { key: 'svc-complaint', category: 'billing', language: 'zh-CN', title: '投诉受理与处理时限', tags: ['投诉', '工单', '时限'],
    body: '客户对服务不满意要求投诉时，坐席应安抚情绪、记录诉求，登记投诉工单并告知单号。普通投诉48小时内回复，越级投诉和工信部投诉优先处理。处理结果通过短信或电话回访客户，客户满意后归档。' },
  { key: 'svc-vip', category: 'plans', language: 'zh-CN', title: 'VIP客户专属服务', tags: ['VIP', '星级', '专属服务'],
    body: '星级客户（钻石、白金、金、银）拨打10086享受优先接入，有专属客户经理和机场贵宾厅等权益。星级根据客户的消费金额和在网时长每年评定。VIP客户的投诉和故障优先处理。' },
  { key: 'bb-en', category: 'broadband-fault', language: 'en', title: 'Broadband not working: first checks', tags: ['broadband', 'fault', 'router'],
    body: 'When a customer cannot get online, ask them to look at the optical modem lights: a red LOS light means the fibre line is cut and an engineer visit is needed. Otherwise restart the modem and the router, wait three minutes and test again. Check the account is not suspended for arrears, then open a fault report work order.' },
  { key: 'bill-en', category: 'billing', language: 'en', title: 'Invoices and monthly bills', tags: ['invoice', 'bill', 'billing'],
    body: 'Monthly bills are issued after the 3rd of each month and the last six months can be viewed in the app. Electronic invoices (fapiao) can be issued per month or per top-up, to a person or a company with its tax number, and sent by email.' },
];
